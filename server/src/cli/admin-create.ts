/**
 * npm run admin:create -- --username btc.admin --name "Nguyễn Văn A" [--roles admin,reviewer] [--password-stdin]
 * Creates a staff account (an admin by default) directly in the store the server uses (STORE,
 * DATA_DIR, REDIS_URL as for the server). The password is typed twice without echo, or read from
 * standard input with --password-stdin (for scripts). There is never a default password.
 */
import { createAccountSchema } from '@cv/shared/protocol';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openStore, storeConfigFromEnv } from '../storage/index.ts';
import { workspaceStoreOn } from '../storage/workspace/index.ts';
import { AccountService } from '../workspace/accounts.ts';
import { WorkspaceError } from '../workspace/context.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'string', default: 'admin' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function ask(question: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // print the prompt, then swallow the echo of what is typed
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) write(question);
    };
  }
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function main(): Promise<number> {
  const username = values.username ?? (await ask('Tên đăng nhập: ', false));
  const displayName = values.name ?? (await ask('Họ và tên: ', false));
  let password: string;
  if (values['password-stdin']) password = await readStdin();
  else {
    password = await ask('Mật khẩu (ít nhất 10 ký tự): ', true);
    if ((await ask('Nhập lại mật khẩu: ', true)) !== password) {
      console.error('Hai lần nhập mật khẩu không khớp.');
      return 1;
    }
  }
  const input = createAccountSchema.safeParse({
    username,
    displayName,
    password,
    roles: values.roles.split(',').map((r) => r.trim()),
  });
  if (!input.success) {
    console.error(
      `Không hợp lệ: ${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    return 1;
  }
  const store = await openStore(
    storeConfigFromEnv(process.env, { dataDir: process.env.DATA_DIR ?? './data' }),
  );
  try {
    const accounts = new AccountService({ ws: workspaceStoreOn(store), clock: () => Date.now() });
    const account = await accounts.create(
      { accountId: null, name: 'npm run admin:create', roles: ['admin'], via: 'system' },
      input.data,
    );
    console.log(
      `Đã tạo tài khoản "${account.username}" (${account.roles.join(', ')}) trong kho ${store.kind}.`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof WorkspaceError ? error.message : error);
    return 1;
  } finally {
    await store.close();
  }
}

process.exit(await main());
