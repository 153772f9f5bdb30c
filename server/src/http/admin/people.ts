/** /api/admin: units (groups → units, headcount) and the exclusion list (CCCD), typed or imported. */
import { exclusionInputSchema, idNumberSchema, unitInputSchema, unitPatchSchema } from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { XLSX_TYPE, xlsxOf } from '../../workspace/sheets/write.ts';
import {
  exclusionTemplate,
  parseExclusionTable,
  parseUnitTable,
  unitTemplate,
} from '../../workspace/units/sheet.ts';
import { actorOf, importSheet, parse, routeRegistrar, sendFile } from './kit.ts';

const unitParams = z.object({ unitId: z.string().min(1).max(40) });
const idParams = z.object({ idNumber: idNumberSchema });

export default async function peopleRoutes(app: FastifyInstance) {
  const route = routeRegistrar(app);
  const { units, exclusions } = app.workspace;

  route('GET /api/admin/units', async () => units.list());

  route('POST /api/admin/units', async (request, reply) =>
    reply.code(201).send(await units.add(actorOf(request), parse(unitInputSchema, request.body))),
  );

  route('PATCH /api/admin/units/:unitId', async (request) =>
    units.patch(
      actorOf(request),
      parse(unitParams, request.params).unitId,
      parse(unitPatchSchema, request.body),
    ),
  );

  route('DELETE /api/admin/units/:unitId', async (request) => {
    await units.remove(actorOf(request), parse(unitParams, request.params).unitId);
    return { ok: true };
  });

  route('GET /api/admin/units/template.xlsx', async (_request, reply) =>
    sendFile(reply, await xlsxOf(unitTemplate()), XLSX_TYPE, 'mau-don-vi.xlsx'),
  );

  route('POST /api/admin/units/import', async (request) =>
    importSheet(request, parseUnitTable, (items, filename) =>
      units.upsert(actorOf(request), items, 'unit.import', filename),
    ),
  );

  route('GET /api/admin/exclusions', async () => exclusions.list());

  route('POST /api/admin/exclusions', async (request, reply) => {
    const input = parse(exclusionInputSchema, request.body);
    return reply.code(201).send(await exclusions.upsert(actorOf(request), [input], 'exclusion.add'));
  });

  route('DELETE /api/admin/exclusions/:idNumber', async (request) => {
    await exclusions.remove(actorOf(request), parse(idParams, request.params).idNumber);
    return { ok: true };
  });

  route('GET /api/admin/exclusions/template.xlsx', async (_request, reply) =>
    sendFile(reply, await xlsxOf(exclusionTemplate()), XLSX_TYPE, 'mau-danh-sach-loai-tru.xlsx'),
  );

  route('POST /api/admin/exclusions/import', async (request) =>
    importSheet(request, parseExclusionTable, (items) =>
      exclusions.upsert(
        actorOf(request),
        items.map(({ row: _row, ...e }) => e),
        'exclusion.import',
      ),
    ),
  );
}
