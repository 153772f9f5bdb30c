/**
 * Demo question bank for "Rung chuông vàng — Đề án 06: Chuyển đổi số, vì lợi ích cộng đồng".
 *
 * Main questions are in show order, from easy to hard. Facts follow Quyết định 06/QĐ-TTg (06/01/2022),
 * Nghị định 59/2022/NĐ-CP (định danh và xác thực điện tử), Nghị định 42/2022/NĐ-CP (dịch vụ công
 * trực tuyến), Luật Cư trú 2020 and Luật Căn cước 2023 (thông qua 27/11/2023, hiệu lực 01/7/2024).
 */
import type { Question } from '@cv/shared/protocol';

const T_CHOICE = 20;
const T_QUICK = 15;
const T_WRITE = 30;

const main: Question[] = [
  {
    id: 'dq01',
    pool: 'main',
    kind: 'single',
    topic: 'Đề án 06',
    prompt: 'Đề án 06 của Chính phủ được phê duyệt bằng văn bản nào?',
    options: [
      'Nghị quyết số 06 của Quốc hội',
      'Quyết định số 06/QĐ-TTg của Thủ tướng Chính phủ',
      'Chỉ thị số 06 của Bộ trưởng Bộ Công an',
      'Công văn số 06 của Ủy ban nhân dân tỉnh',
    ],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_QUICK,
    explanation:
      'Đề án 06 được Thủ tướng Chính phủ phê duyệt tại Quyết định số 06/QĐ-TTg; tên gọi "Đề án 06" cũng bắt nguồn từ số hiệu của quyết định này.',
  },
  {
    id: 'dq02',
    pool: 'main',
    kind: 'single',
    topic: 'VNeID',
    prompt: 'Ứng dụng Định danh điện tử quốc gia VNeID do cơ quan nào xây dựng, phát triển và quản lý?',
    media: { type: 'image', url: '/media/vneid-app.svg' },
    options: ['Bộ Thông tin và Truyền thông', 'Bộ Tư pháp', 'Bộ Công an', 'Văn phòng Chính phủ'],
    key: { kind: 'single', answer: 2 },
    timeLimitSec: T_QUICK,
    explanation:
      'VNeID là ứng dụng do Bộ Công an xây dựng, phát triển và quản lý; công dân dùng nó để đăng ký, quản lý và sử dụng tài khoản định danh điện tử.',
  },
  {
    id: 'dq03',
    pool: 'main',
    kind: 'numeric',
    topic: 'Căn cước',
    prompt: 'Số định danh cá nhân in trên thẻ Căn cước công dân gắn chip gồm bao nhiêu chữ số?',
    key: { kind: 'numeric', value: 12, tolerance: 0 },
    timeLimitSec: T_WRITE,
    explanation:
      'Số định danh cá nhân gồm 12 chữ số và cũng chính là số thẻ căn cước công dân, thay cho số chứng minh nhân dân 9 số trước đây.',
  },
  {
    id: 'dq04',
    pool: 'main',
    kind: 'truefalse',
    topic: 'Đề án 06',
    prompt:
      'Đúng hay sai: Quyết định số 06/QĐ-TTg phê duyệt Đề án 06 được Thủ tướng Chính phủ ban hành ngày 06/01/2022.',
    key: { kind: 'truefalse', answer: true },
    timeLimitSec: T_QUICK,
    explanation: 'Đúng. Quyết định số 06/QĐ-TTg được ban hành ngày 06/01/2022.',
  },
  {
    id: 'dq05',
    pool: 'main',
    kind: 'single',
    topic: 'VNeID',
    prompt: 'Tên đăng nhập tài khoản định danh điện tử trên ứng dụng VNeID của công dân Việt Nam là gì?',
    options: ['Số điện thoại di động', 'Số định danh cá nhân', 'Địa chỉ thư điện tử', 'Số thẻ bảo hiểm y tế'],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_QUICK,
    explanation:
      'Công dân đăng nhập VNeID bằng số định danh cá nhân (12 số trên thẻ căn cước) cùng mật khẩu hoặc hình thức xác thực khác.',
  },
  {
    id: 'dq06',
    pool: 'main',
    kind: 'numeric',
    topic: 'Dịch vụ công trực tuyến',
    prompt:
      'Đề án 06 xác định bao nhiêu dịch vụ công thiết yếu cần ưu tiên cung cấp trực tuyến, kết nối với Cơ sở dữ liệu quốc gia về dân cư?',
    key: { kind: 'numeric', value: 25, tolerance: 0 },
    timeLimitSec: T_WRITE,
    explanation:
      'Đề án 06 xác định 25 dịch vụ công thiết yếu, như đăng ký khai sinh, đăng ký thường trú, cấp đổi giấy phép lái xe, cấp phiếu lý lịch tư pháp.',
  },
  {
    id: 'dq07',
    pool: 'main',
    kind: 'single',
    topic: 'Mã QR',
    prompt: 'Mã QR in trên thẻ Căn cước công dân gắn chip có thể đọc được bằng cách nào?',
    media: { type: 'image', url: '/media/the-can-cuoc.svg' },
    options: [
      'Chỉ đọc được bằng thiết bị chuyên dụng của ngành Công an',
      'Chỉ đọc được tại máy ATM của ngân hàng',
      'Bằng ứng dụng quét mã QR thông thường trên điện thoại thông minh',
      'Không đọc được, mã QR chỉ có tác dụng chống làm giả',
    ],
    key: { kind: 'single', answer: 2 },
    timeLimitSec: T_QUICK,
    explanation:
      'Mã QR trên thẻ đọc được bằng ứng dụng quét QR thông thường; còn thông tin trong chip điện tử thì cần thiết bị hoặc ứng dụng hỗ trợ đọc chip.',
  },
  {
    id: 'dq08',
    pool: 'main',
    kind: 'truefalse',
    topic: 'VNeID',
    prompt:
      'Đúng hay sai: Công dân có thể tự đăng ký tài khoản định danh điện tử mức độ 1 ngay trên ứng dụng VNeID mà không cần đến cơ quan Công an.',
    key: { kind: 'truefalse', answer: true },
    timeLimitSec: T_QUICK,
    explanation:
      'Đúng. Tài khoản mức độ 1 được đăng ký qua ứng dụng VNeID: công dân khai số định danh cá nhân, số điện thoại và chụp ảnh chân dung theo hướng dẫn.',
  },
  {
    id: 'dq09',
    pool: 'main',
    kind: 'single',
    topic: 'VNeID',
    prompt:
      'Theo Nghị định 59/2022/NĐ-CP, công dân đã có thẻ Căn cước công dân gắn chip đăng ký tài khoản định danh điện tử mức độ 2 bằng cách nào?',
    options: [
      'Tự đăng ký tại nhà qua tin nhắn SMS',
      'Đến Công an cấp xã hoặc nơi làm thủ tục cấp căn cước công dân, được chụp ảnh chân dung và lấy vân tay để xác thực',
      'Đăng ký tại quầy giao dịch của ngân hàng thương mại',
      'Gửi hồ sơ giấy qua đường bưu điện đến Bộ Công an',
    ],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Tài khoản mức độ 2 được đăng ký trực tiếp tại cơ quan Công an; cán bộ chụp ảnh chân dung, lấy vân tay để đối chiếu với cơ sở dữ liệu căn cước công dân.',
  },
  {
    id: 'dq10',
    pool: 'main',
    kind: 'truefalse',
    topic: 'Tuyên truyền Đề án 06',
    prompt:
      'Đúng hay sai: Khi được người xưng là cán bộ công an gọi điện đề nghị đọc mã OTP để "kích hoạt hộ" tài khoản VNeID, người dân nên đọc mã để được hỗ trợ nhanh.',
    key: { kind: 'truefalse', answer: false },
    timeLimitSec: T_QUICK,
    explanation:
      'Sai. Mã OTP và mật khẩu là thông tin bí mật, tuyệt đối không cung cấp cho người khác qua điện thoại; đây là thủ đoạn lừa đảo chiếm đoạt tài khoản thường gặp.',
  },
  {
    id: 'dq11',
    pool: 'main',
    kind: 'single',
    topic: 'Dịch vụ công trực tuyến',
    prompt: 'Thủ tục nào sau đây thuộc nhóm 25 dịch vụ công thiết yếu theo Đề án 06?',
    options: [
      'Đặt vé xem phim tại rạp',
      'Mở tài khoản mạng xã hội',
      'Mua hàng trên sàn thương mại điện tử',
      'Cấp đổi, cấp lại giấy phép lái xe',
    ],
    key: { kind: 'single', answer: 3 },
    timeLimitSec: T_QUICK,
    explanation:
      'Cấp đổi, cấp lại giấy phép lái xe là một trong 25 dịch vụ công thiết yếu; các lựa chọn còn lại là dịch vụ thương mại, không phải thủ tục hành chính.',
  },
  {
    id: 'dq12',
    pool: 'main',
    kind: 'multi',
    topic: 'Mã QR',
    prompt:
      'Khi quét mã QR trên thẻ Căn cước công dân gắn chip bằng ứng dụng đọc QR thông thường, những thông tin nào hiển thị? (Chọn tất cả đáp án đúng)',
    options: [
      'Dấu vân tay',
      'Số căn cước công dân',
      'Số chứng minh nhân dân cũ (nếu có)',
      'Ảnh chân dung',
      'Nơi thường trú',
    ],
    key: { kind: 'multi', answer: [1, 2, 4] },
    timeLimitSec: 25,
    explanation:
      'Mã QR chứa số CCCD, số CMND cũ, họ tên, ngày sinh, giới tính, nơi thường trú và ngày cấp; ảnh chân dung và vân tay chỉ lưu trong chip, không có trong mã QR.',
  },
  {
    id: 'dq13',
    pool: 'main',
    kind: 'single',
    topic: 'Đề án 06',
    prompt: 'Tên đầy đủ của Đề án 06 là gì?',
    options: [
      'Đề án cấp thẻ Căn cước công dân gắn chip cho toàn dân giai đoạn 2021 - 2025',
      'Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030',
      'Đề án xây dựng chính quyền điện tử cấp xã giai đoạn 2022 - 2030',
      'Đề án phổ cập điện thoại thông minh cho người dân giai đoạn 2022 - 2025',
    ],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Đề án 06 là "Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030".',
  },
  {
    id: 'dq14',
    pool: 'main',
    kind: 'numeric',
    topic: 'Đề án 06',
    prompt:
      'Đề án 06 xác định bao nhiêu nhóm tiện ích của việc ứng dụng dữ liệu dân cư, định danh và xác thực điện tử?',
    key: { kind: 'numeric', value: 5, tolerance: 0 },
    timeLimitSec: T_WRITE,
    explanation:
      'Đề án 06 có 5 nhóm tiện ích: giải quyết thủ tục hành chính và dịch vụ công trực tuyến; phát triển kinh tế, xã hội; phát triển công dân số; hoàn thiện hệ sinh thái; phục vụ chỉ đạo, điều hành.',
  },
  {
    id: 'dq15',
    pool: 'main',
    kind: 'multi',
    topic: 'VNeID',
    prompt:
      'Tài khoản định danh điện tử mức độ 2 trên VNeID có thể dùng để làm gì? (Chọn tất cả đáp án đúng)',
    options: [
      'Rút tiền mặt tại máy ATM thay cho thẻ ngân hàng',
      'Đăng nhập Cổng Dịch vụ công quốc gia để nộp hồ sơ trực tuyến',
      'Xuất trình thay thẻ căn cước trong các giao dịch yêu cầu xuất trình thẻ',
      'Thay hộ chiếu khi xuất cảnh ra nước ngoài',
      'Tích hợp, hiển thị giấy phép lái xe, thẻ bảo hiểm y tế',
    ],
    key: { kind: 'multi', answer: [1, 2, 4] },
    timeLimitSec: 25,
    explanation:
      'Tài khoản mức độ 2 có giá trị tương đương xuất trình thẻ căn cước, dùng đăng nhập Cổng Dịch vụ công quốc gia và tích hợp các giấy tờ như giấy phép lái xe, thẻ BHYT; nó không thay thẻ ATM hay hộ chiếu khi xuất cảnh.',
  },
  {
    id: 'dq16',
    pool: 'main',
    kind: 'single',
    topic: 'Dịch vụ công trực tuyến',
    prompt: 'Nhóm thủ tục liên thông nào sau đây thuộc 25 dịch vụ công thiết yếu của Đề án 06?',
    options: [
      'Đăng ký kết hôn – Cấp hộ chiếu – Cấp thị thực du lịch',
      'Đăng ký tạm trú – Cấp giấy phép kinh doanh – Cấp giấy chứng nhận quyền sử dụng đất',
      'Đăng ký khai sinh – Đăng ký thường trú – Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi',
      'Đăng ký xe – Đăng kiểm xe – Cấp giấy phép lái xe quốc tế',
    ],
    key: { kind: 'single', answer: 2 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Cha mẹ chỉ cần nộp một bộ hồ sơ trực tuyến để cùng lúc đăng ký khai sinh, đăng ký thường trú và cấp thẻ BHYT cho trẻ em dưới 6 tuổi.',
  },
  {
    id: 'dq17',
    pool: 'main',
    kind: 'text',
    topic: 'Dịch vụ công trực tuyến',
    prompt: 'Hãy ghi địa chỉ trang web (tên miền) của Cổng Dịch vụ công quốc gia.',
    key: {
      kind: 'text',
      accepted: [
        'dichvucong.gov.vn',
        'www.dichvucong.gov.vn',
        'https://dichvucong.gov.vn',
        'http://dichvucong.gov.vn',
        'https://dichvucong.gov.vn/',
      ],
    },
    timeLimitSec: T_WRITE,
    explanation:
      'Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn; người dân có thể đăng nhập bằng tài khoản định danh điện tử VNeID.',
  },
  {
    id: 'dq18',
    pool: 'main',
    kind: 'single',
    topic: 'Tuyên truyền Đề án 06',
    prompt:
      'Khi hướng dẫn người cao tuổi, đồng bào dân tộc thiểu số ở buôn làng sử dụng ứng dụng VNeID, cách làm nào phù hợp và hiệu quả nhất?',
    options: [
      'Dán một tờ thông báo tại nhà văn hóa rồi để người dân tự tìm hiểu',
      'Hướng dẫn trực tiếp, "cầm tay chỉ việc" trên điện thoại của chính người dân, dùng tiếng dân tộc khi cần',
      'Yêu cầu người dân giao điện thoại và mật khẩu để cán bộ làm hộ',
      'Chỉ gửi đường link hướng dẫn qua mạng xã hội',
    ],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Hướng dẫn trực tiếp, tận tình bằng ngôn ngữ người dân hiểu giúp họ tự sử dụng được; không yêu cầu người dân giao mật khẩu hay mã OTP cho người khác.',
  },
  {
    id: 'dq19',
    pool: 'main',
    kind: 'truefalse',
    topic: 'Cư trú',
    prompt:
      'Đúng hay sai: Theo Luật Cư trú năm 2020, từ ngày 01/01/2023 sổ hộ khẩu, sổ tạm trú giấy không còn được sử dụng để chứng minh nơi cư trú.',
    key: { kind: 'truefalse', answer: true },
    timeLimitSec: T_QUICK,
    explanation:
      'Đúng. Sổ hộ khẩu, sổ tạm trú chỉ được sử dụng đến hết ngày 31/12/2022; thông tin cư trú nay được quản lý trên Cơ sở dữ liệu quốc gia về dân cư.',
  },
  {
    id: 'dq20',
    pool: 'main',
    kind: 'single',
    topic: 'Tuyên truyền Đề án 06',
    prompt:
      'Lực lượng nào được thành lập ở thôn, buôn, tổ dân phố để hướng dẫn người dân sử dụng nền tảng số, dịch vụ công trực tuyến và kỹ năng số?',
    options: ['Tổ hòa giải ở cơ sở', 'Ban quản lý chợ', 'Tổ công nghệ số cộng đồng', 'Hội đồng nhân dân xã'],
    key: { kind: 'single', answer: 2 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Tổ công nghệ số cộng đồng là lực lượng gần dân nhất, trực tiếp hướng dẫn người dân cài đặt, sử dụng VNeID và dịch vụ công trực tuyến.',
  },
  {
    id: 'dq21',
    pool: 'main',
    kind: 'multi',
    topic: 'Tuyên truyền Đề án 06',
    prompt:
      'Những cách làm nào phù hợp khi tuyên truyền Đề án 06 đến người dân ở buôn làng? (Chọn tất cả đáp án đúng)',
    options: [
      'Phát tin trên hệ thống loa truyền thanh cơ sở',
      'Thu phí người dân để được hướng dẫn kích hoạt tài khoản',
      'Phối hợp với già làng, người có uy tín trong cộng đồng',
      'Biên soạn tài liệu, tờ rơi song ngữ tiếng Việt và tiếng dân tộc',
      'Giữ mật khẩu tài khoản VNeID của người dân để tiện hỗ trợ về sau',
    ],
    key: { kind: 'multi', answer: [0, 2, 3] },
    timeLimitSec: 25,
    explanation:
      'Loa truyền thanh, người có uy tín và tài liệu song ngữ giúp thông tin đến gần người dân; việc hướng dẫn phải miễn phí và cán bộ không được giữ mật khẩu của dân.',
  },
  {
    id: 'dq22',
    pool: 'main',
    kind: 'single',
    topic: 'Đề án 06',
    prompt: 'Nhóm nào sau đây KHÔNG thuộc 5 nhóm tiện ích của Đề án 06?',
    options: [
      'Phục vụ giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến',
      'Phục vụ phát triển công dân số',
      'Phục vụ quảng cáo thương mại cho doanh nghiệp',
      'Phục vụ chỉ đạo, điều hành của lãnh đạo các cấp',
    ],
    key: { kind: 'single', answer: 2 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Năm nhóm tiện ích gồm: thủ tục hành chính và dịch vụ công trực tuyến; phát triển kinh tế, xã hội; phát triển công dân số; hoàn thiện hệ sinh thái dữ liệu dân cư; phục vụ chỉ đạo, điều hành.',
  },
  {
    id: 'dq23',
    pool: 'main',
    kind: 'single',
    topic: 'Dịch vụ công trực tuyến',
    prompt:
      'Hoàn thành nhóm thủ tục liên thông thuộc 25 dịch vụ công thiết yếu: "Đăng ký khai tử – Xóa đăng ký thường trú – …"',
    options: [
      'Cấp thẻ bảo hiểm y tế',
      'Trợ cấp mai táng phí',
      'Cấp phiếu lý lịch tư pháp',
      'Khai báo tạm vắng',
    ],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Nhóm liên thông "Đăng ký khai tử – Xóa đăng ký thường trú – Trợ cấp mai táng phí" giúp thân nhân chỉ nộp một bộ hồ sơ cho cả ba thủ tục.',
  },
  {
    id: 'dq24',
    pool: 'main',
    kind: 'single',
    topic: 'Dịch vụ công trực tuyến',
    prompt: 'Theo Nghị định 42/2022/NĐ-CP, dịch vụ công trực tuyến được phân thành những loại nào?',
    options: [
      'Mức độ 1, mức độ 2, mức độ 3, mức độ 4 và mức độ 5',
      'Cơ bản và nâng cao',
      'Trực tiếp và gián tiếp',
      'Toàn trình và một phần',
    ],
    key: { kind: 'single', answer: 3 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Nghị định 42/2022/NĐ-CP chia dịch vụ công trực tuyến thành "toàn trình" (mọi bước đều thực hiện trên mạng) và "một phần", thay cho cách phân chia mức độ 1–4 trước đây.',
  },
  {
    id: 'dq25',
    pool: 'main',
    kind: 'single',
    topic: 'Luật Căn cước',
    prompt: 'Luật Căn cước được Quốc hội khóa XV thông qua vào ngày nào?',
    options: ['20/10/2023', '27/11/2023', '25/12/2023', '15/01/2024'],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Luật Căn cước được Quốc hội khóa XV thông qua ngày 27/11/2023 tại kỳ họp thứ 6, thay thế Luật Căn cước công dân năm 2014.',
  },
  {
    id: 'dq26',
    pool: 'main',
    kind: 'truefalse',
    topic: 'Luật Căn cước',
    prompt: 'Đúng hay sai: Luật Căn cước năm 2023 có hiệu lực thi hành từ ngày 01/01/2025.',
    key: { kind: 'truefalse', answer: false },
    timeLimitSec: T_QUICK,
    explanation: 'Sai. Luật Căn cước năm 2023 có hiệu lực thi hành từ ngày 01/7/2024.',
  },
  {
    id: 'dq27',
    pool: 'main',
    kind: 'text',
    topic: 'Luật Căn cước',
    prompt: 'Theo Luật Căn cước năm 2023, "thẻ Căn cước công dân" được đổi tên thành gì?',
    key: { kind: 'text', accepted: ['thẻ căn cước', 'the can cuoc', 'căn cước', 'can cuoc'] },
    timeLimitSec: T_WRITE,
    explanation:
      'Luật Căn cước năm 2023 đổi tên thẻ Căn cước công dân thành "thẻ căn cước"; thẻ Căn cước công dân đã cấp vẫn có giá trị đến hết thời hạn in trên thẻ.',
  },
  {
    id: 'dq28',
    pool: 'main',
    kind: 'single',
    topic: 'Luật Căn cước',
    prompt: 'Theo Luật Căn cước năm 2023, công dân Việt Nam dưới 14 tuổi được cấp thẻ căn cước như thế nào?',
    options: [
      'Không được cấp thẻ căn cước',
      'Bắt buộc phải làm thẻ ngay trong tháng đầu sau khi sinh',
      'Được cấp thẻ căn cước theo nhu cầu',
      'Chỉ được cấp khi xuất cảnh ra nước ngoài',
    ],
    key: { kind: 'single', answer: 2 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Công dân từ đủ 14 tuổi trở lên bắt buộc làm thủ tục cấp thẻ căn cước; công dân dưới 14 tuổi được cấp thẻ căn cước theo nhu cầu.',
  },
  {
    id: 'dq29',
    pool: 'main',
    kind: 'numeric',
    topic: 'Luật Căn cước',
    prompt:
      'Theo Luật Căn cước năm 2023, công dân phải làm thủ tục cấp đổi thẻ căn cước khi đủ 14 tuổi, 25 tuổi, 40 tuổi và bao nhiêu tuổi?',
    key: { kind: 'numeric', value: 60, tolerance: 0 },
    timeLimitSec: T_WRITE,
    explanation: 'Các mốc cấp đổi thẻ căn cước là khi đủ 14, 25, 40 và 60 tuổi.',
  },
  {
    id: 'dq30',
    pool: 'main',
    kind: 'multi',
    topic: 'Luật Căn cước',
    prompt:
      'So với thẻ Căn cước công dân gắn chip, những thông tin nào KHÔNG còn được in trên thẻ căn cước theo Luật Căn cước năm 2023? (Chọn tất cả đáp án đúng)',
    options: [
      'Vân tay',
      'Số định danh cá nhân',
      'Đặc điểm nhận dạng',
      'Quê quán',
      'Họ, chữ đệm và tên khai sinh',
    ],
    key: { kind: 'multi', answer: [0, 2, 3] },
    timeLimitSec: 30,
    explanation:
      'Thẻ căn cước mới không còn in vân tay, đặc điểm nhận dạng và quê quán; số định danh cá nhân và họ tên vẫn được in trên thẻ.',
  },
  {
    id: 'dq31',
    pool: 'main',
    kind: 'text',
    topic: 'Luật Căn cước',
    prompt:
      'Trên thẻ căn cước theo Luật Căn cước năm 2023, thông tin "Quê quán" được thay bằng thông tin gì?',
    key: {
      kind: 'text',
      accepted: [
        'nơi đăng ký khai sinh',
        'nơi đăng kí khai sinh',
        'noi dang ky khai sinh',
        'noi dang ki khai sinh',
        'nơi ĐKKS',
      ],
    },
    timeLimitSec: T_WRITE,
    explanation:
      'Thẻ căn cước in "nơi đăng ký khai sinh" thay cho quê quán, và "nơi cư trú" thay cho nơi thường trú.',
  },
  {
    id: 'dq32',
    pool: 'main',
    kind: 'single',
    topic: 'Luật Căn cước',
    prompt: 'Theo Luật Căn cước năm 2023, giấy chứng nhận căn cước được cấp cho đối tượng nào?',
    options: [
      'Người nước ngoài đang làm việc tại Việt Nam',
      'Trẻ em dưới 6 tuổi',
      'Người gốc Việt Nam chưa xác định được quốc tịch đang sinh sống tại Việt Nam',
      'Công dân Việt Nam định cư ở nước ngoài',
    ],
    key: { kind: 'single', answer: 2 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Giấy chứng nhận căn cước là giấy tờ tùy thân mới, cấp cho người gốc Việt Nam chưa xác định được quốc tịch đang sinh sống tại Việt Nam, giúp họ thực hiện giao dịch và quyền lợi hợp pháp.',
  },
  {
    id: 'dq33',
    pool: 'main',
    kind: 'single',
    topic: 'Luật Căn cước',
    prompt:
      'Khi cấp thẻ căn cước cho trẻ em dưới 6 tuổi, cơ quan quản lý căn cước thực hiện việc thu nhận thông tin như thế nào?',
    options: [
      'Thu nhận vân tay đủ 10 ngón như người lớn',
      'Chỉ thu nhận mẫu ADN',
      'Bắt buộc thu nhận giọng nói',
      'Không thu nhận thông tin nhân dạng và thông tin sinh trắc học',
    ],
    key: { kind: 'single', answer: 3 },
    timeLimitSec: T_CHOICE,
    explanation:
      'Với người dưới 6 tuổi, cơ quan quản lý căn cước không thu nhận thông tin nhân dạng và sinh trắc học; vì vậy thẻ của trẻ dưới 6 tuổi cũng không in ảnh khuôn mặt.',
  },
  {
    id: 'dq34',
    pool: 'main',
    kind: 'ordering',
    topic: 'VNeID',
    prompt:
      'Sắp xếp các bước để có tài khoản định danh điện tử mức độ 2 theo đúng thứ tự, từ bước đầu tiên đến bước cuối cùng.',
    options: [
      'Cài ứng dụng VNeID và kích hoạt tài khoản bằng mã được gửi qua tin nhắn',
      'Mang thẻ căn cước gắn chip đến cơ quan Công an nơi làm thủ tục',
      'Nhận tin nhắn (SMS) có mã kích hoạt tài khoản',
      'Cán bộ Công an thu nhận ảnh chân dung, vân tay và xác thực thông tin',
    ],
    key: { kind: 'ordering', order: [1, 3, 2, 0] },
    timeLimitSec: T_WRITE,
    explanation:
      'Đăng ký tại cơ quan Công an với thẻ căn cước gắn chip, được thu nhận ảnh và vân tay, nhận mã kích hoạt qua tin nhắn, rồi kích hoạt tài khoản trên ứng dụng VNeID.',
  },
];

const backup: Question[] = [
  {
    id: 'bk01',
    pool: 'backup',
    kind: 'single',
    topic: 'Dịch vụ công trực tuyến',
    prompt: 'Thủ tục nào sau đây thuộc nhóm 25 dịch vụ công thiết yếu theo Đề án 06?',
    options: [
      'Đặt phòng khách sạn qua ứng dụng du lịch',
      'Thông báo lưu trú',
      'Đăng ký thẻ thành viên siêu thị',
      'Nạp tiền điện thoại',
    ],
    key: { kind: 'single', answer: 1 },
    timeLimitSec: T_QUICK,
    explanation:
      'Thông báo lưu trú là một trong 25 dịch vụ công thiết yếu và có thể thực hiện ngay trên ứng dụng VNeID.',
  },
  {
    id: 'bk02',
    pool: 'backup',
    kind: 'truefalse',
    topic: 'Căn cước',
    prompt:
      'Đúng hay sai: Ứng dụng VNeID trên điện thoại có hỗ trợ NFC có thể đọc thông tin trong chip của thẻ Căn cước công dân gắn chip để xác thực khi đăng ký tài khoản.',
    key: { kind: 'truefalse', answer: true },
    timeLimitSec: T_QUICK,
    explanation:
      'Đúng. Khi đăng ký tài khoản, VNeID dùng kết nối NFC của điện thoại để đọc chip trên thẻ và đối chiếu thông tin của công dân.',
  },
];

const tiebreak: Question[] = [
  {
    id: 'tb01',
    pool: 'tiebreak',
    kind: 'numeric',
    topic: 'Luật Căn cước',
    prompt: 'Luật Căn cước năm 2023 gồm 7 chương và bao nhiêu điều?',
    key: { kind: 'numeric', value: 46, tolerance: 0 },
    timeLimitSec: T_WRITE,
    explanation: 'Luật Căn cước năm 2023 gồm 7 chương, 46 điều.',
  },
  {
    id: 'tb02',
    pool: 'tiebreak',
    kind: 'numeric',
    topic: 'Luật Căn cước',
    prompt:
      'Người gốc Việt Nam chưa xác định được quốc tịch phải sinh sống liên tục tại đơn vị hành chính cấp xã từ bao nhiêu tháng trở lên thì được cấp giấy chứng nhận căn cước?',
    key: { kind: 'numeric', value: 6, tolerance: 0 },
    timeLimitSec: T_WRITE,
    explanation:
      'Theo Điều 30 Luật Căn cước năm 2023, điều kiện là đang sinh sống liên tục từ 6 tháng trở lên.',
  },
  {
    id: 'tb03',
    pool: 'tiebreak',
    kind: 'single',
    topic: 'VNeID',
    prompt: 'Nghị định 59/2022/NĐ-CP của Chính phủ quy định về nội dung nào?',
    options: [
      'Định danh và xác thực điện tử',
      'Xử phạt vi phạm hành chính trong lĩnh vực giao thông',
      'Quản lý thuế thu nhập cá nhân',
      'Tổ chức thi tốt nghiệp trung học phổ thông',
    ],
    key: { kind: 'single', answer: 0 },
    timeLimitSec: T_QUICK,
    explanation:
      'Nghị định 59/2022/NĐ-CP quy định về định danh và xác thực điện tử, trong đó có tài khoản định danh điện tử mức độ 1 và mức độ 2.',
  },
];

const rescue: Question[] = [
  {
    id: 'rs01',
    pool: 'rescue',
    kind: 'text',
    topic: 'VNeID',
    prompt: 'Ứng dụng Định danh điện tử quốc gia do Bộ Công an phát triển có tên là gì?',
    key: { kind: 'text', accepted: ['VNeID', 'vneid', 'V-NeID', 'VN eID', 'VNe ID', 'VN-eID'] },
    timeLimitSec: T_WRITE,
    explanation: 'Ứng dụng có tên VNeID, tải miễn phí trên App Store và Google Play.',
  },
  {
    id: 'rs02',
    pool: 'rescue',
    kind: 'truefalse',
    topic: 'Luật Căn cước',
    prompt:
      'Đúng hay sai: Thẻ Căn cước công dân đã được cấp trước ngày 01/7/2024 vẫn có giá trị sử dụng đến hết thời hạn in trên thẻ.',
    key: { kind: 'truefalse', answer: true },
    timeLimitSec: T_QUICK,
    explanation:
      'Đúng. Người dân không bắt buộc đổi sang thẻ căn cước mới khi thẻ cũ còn hạn; khi có nhu cầu thì được cấp đổi.',
  },
];

const golden: Question[] = [
  {
    id: 'gb01',
    pool: 'golden',
    kind: 'text',
    topic: 'Luật Căn cước',
    prompt:
      'CÂU HỎI CHUÔNG VÀNG: Khi cấp thẻ căn cước theo Luật Căn cước năm 2023, ngoài ảnh khuôn mặt và vân tay, cơ quan quản lý căn cước còn thu nhận thêm thông tin sinh trắc học nào?',
    key: { kind: 'text', accepted: ['mống mắt', 'mong mat', 'iris'] },
    timeLimitSec: T_WRITE,
    explanation:
      'Luật Căn cước năm 2023 bổ sung thu nhận mống mắt cùng với ảnh khuôn mặt và vân tay khi cấp thẻ căn cước.',
  },
];

/** Show order: main questions easy → hard, then the reserve pools. */
export const demoQuestions: Question[] = [...main, ...backup, ...tiebreak, ...rescue, ...golden];
