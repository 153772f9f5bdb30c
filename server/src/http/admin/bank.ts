/** /api/admin: topics, questions and their review, media upload, XLSX/CSV import and export. */
import {
  bankContentSchema,
  createTopicSchema,
  editQuestionSchema,
  questionListQuery,
  returnSchema,
  reviewSchema,
} from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { bankExport, bankTemplate, parseBankTable } from '../../workspace/bank/sheet.ts';
import { MAX_MEDIA_BYTES } from '../../workspace/media.ts';
import { csvOf, XLSX_TYPE, xlsxOf } from '../../workspace/sheets/write.ts';
import { actorOf, importSheet, parse, routeRegistrar, sendFile, uploaded } from './kit.ts';

const questionParams = z.object({ questionId: z.string().min(1).max(40) });
const exportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export default async function bankRoutes(app: FastifyInstance) {
  const route = routeRegistrar(app);
  const { bank, media } = app.workspace;

  route('GET /api/admin/topics', async () => bank.listTopics());

  route('POST /api/admin/topics', async (request, reply) =>
    reply
      .code(201)
      .send(await bank.createTopic(actorOf(request), parse(createTopicSchema, request.body).name)),
  );

  route('GET /api/admin/questions', async (request) => {
    const q = parse(questionListQuery, request.query);
    return bank.list({ ...q, approvedOnly: q.approvedOnly !== undefined });
  });

  route('POST /api/admin/questions', async (request, reply) =>
    reply.code(201).send(await bank.create(actorOf(request), parse(bankContentSchema, request.body))),
  );

  route('GET /api/admin/questions/template.xlsx', async (_request, reply) =>
    sendFile(
      reply,
      await xlsxOf(bankTemplate(await bank.listTopics())),
      XLSX_TYPE,
      'mau-ngan-hang-cau-hoi.xlsx',
    ),
  );

  route('GET /api/admin/questions/export', async (request, reply) => {
    const { format } = parse(exportQuery, request.query);
    const sheet = bankExport(await bank.everything(), await bank.listTopics());
    return format === 'csv'
      ? sendFile(reply, csvOf(sheet), 'text/csv; charset=utf-8', 'ngan-hang-cau-hoi.csv')
      : sendFile(reply, await xlsxOf([sheet]), XLSX_TYPE, 'ngan-hang-cau-hoi.xlsx');
  });

  route('POST /api/admin/questions/import', async (request) =>
    importSheet(
      request,
      async (table) => parseBankTable(table, await bank.listTopics(), await bank.duplicateIndex()),
      async (items, filename) => {
        const created = await bank.createMany(
          actorOf(request),
          items.map((i) => i.content),
          (docs) => ({
            action: 'question.import',
            target: filename,
            after: { questions: docs.length, first: docs[0]?.questionId, last: docs.at(-1)?.questionId },
          }),
        );
        return { created: created.length, ids: created.map((d) => d.questionId) };
      },
    ),
  );

  route('GET /api/admin/questions/:questionId', async (request) =>
    bank.detail(parse(questionParams, request.params).questionId),
  );

  route('PUT /api/admin/questions/:questionId', async (request) => {
    const { questionId } = parse(questionParams, request.params);
    const input = parse(editQuestionSchema, request.body);
    return bank.edit(actorOf(request), questionId, input.rev, input.content);
  });

  route('DELETE /api/admin/questions/:questionId', async (request) => {
    await bank.remove(actorOf(request), parse(questionParams, request.params).questionId);
    return { ok: true };
  });

  route('POST /api/admin/questions/:questionId/submit', async (request) =>
    bank.submit(actorOf(request), parse(questionParams, request.params).questionId),
  );

  route('POST /api/admin/questions/:questionId/approve', async (request) => {
    const { version, comment } = parse(reviewSchema, request.body);
    return bank.approve(actorOf(request), parse(questionParams, request.params).questionId, version, comment);
  });

  route('POST /api/admin/questions/:questionId/return', async (request) => {
    const { version, comment } = parse(returnSchema, request.body);
    return bank.returnToAuthor(
      actorOf(request),
      parse(questionParams, request.params).questionId,
      version,
      comment,
    );
  });

  route('POST /api/admin/media', async (request, reply) => {
    const { data } = await uploaded(request, MAX_MEDIA_BYTES);
    return reply.code(201).send(await media.save(data));
  });
}
