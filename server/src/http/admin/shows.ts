/** /api/admin: the show builder (plans, contestants, staff, publishing, seat cards) and each show's records. */
import {
  contestantsSchema,
  createPlanSchema,
  EXPORT_KINDS,
  staffAssignmentSchema,
  updatePlanSchema,
  type SeatCard,
} from '@cv/shared/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { proposePrizes, standingsOf, unitStandingsOf } from '../../engine/index.ts';
import { joinLinksFor } from '../../realtime/join-links.ts';
import { seatCardsOf } from '../../runtime/seat-cards.ts';
import { contestantTemplate, parseContestantTable } from '../../workspace/builder/contestants.ts';
import { showScope } from '../../workspace/builder/service.ts';
import { WorkspaceError } from '../../workspace/context.ts';
import { certificatesPdf } from '../../workspace/results/certificate.ts';
import {
  adminAuditSheet,
  answersSheet,
  commandAuditSheet,
  PRIZE_VI,
  standingsSheet,
  unitSheet,
} from '../../workspace/results/records.ts';
import { XLSX_TYPE, xlsxOf, type SheetSpec } from '../../workspace/sheets/write.ts';
import { actorOf, importSheet, parse, routeRegistrar, sendFile } from './kit.ts';

const showParams = z.object({ showId: z.string().min(1).max(64) });
const exportParams = showParams.extend({ kind: z.enum(EXPORT_KINDS) });
const certificateQuery = z.object({ seat: z.coerce.number().int().min(1).max(500).optional() });

export default async function showRoutes(
  app: FastifyInstance,
  opts: { publicUrl?: string; lanAddress?: string },
) {
  const route = routeRegistrar(app);
  const { builder, units, settings, store } = app.workspace;

  const runnerOf = (showId: string) => {
    const runner = app.shows.runner(showId);
    if (!runner)
      throw new WorkspaceError('SHOW_NOT_FOUND', 'Chương trình chưa được tạo (chưa bấm "Tạo chương trình").');
    return runner;
  };

  route('GET /api/admin/shows', async (request) => builder.list(actorOf(request)));

  route('POST /api/admin/shows', async (request, reply) =>
    reply.code(201).send(await builder.create(actorOf(request), parse(createPlanSchema, request.body))),
  );

  route('GET /api/admin/shows/:showId', async (request) =>
    builder.info(parse(showParams, request.params).showId),
  );

  route('PUT /api/admin/shows/:showId', async (request) =>
    builder.update(
      actorOf(request),
      parse(showParams, request.params).showId,
      parse(updatePlanSchema, request.body),
    ),
  );

  route('PUT /api/admin/shows/:showId/contestants', async (request) => {
    const { rev, contestants } = parse(contestantsSchema, request.body);
    return builder.setContestants(
      actorOf(request),
      parse(showParams, request.params).showId,
      rev,
      contestants,
    );
  });

  route('GET /api/admin/contestants/template.xlsx', async (_request, reply) =>
    sendFile(reply, await xlsxOf(contestantTemplate()), XLSX_TYPE, 'mau-thi-sinh.xlsx'),
  );

  route('POST /api/admin/shows/:showId/contestants/import', async (request) => {
    const { showId } = parse(showParams, request.params);
    const plan = await builder.info(showId);
    const known = (await units.units()).map((u) => u.name);
    return importSheet(
      request,
      (table) => parseContestantTable(table, known),
      async (items) => {
        await builder.setContestants(actorOf(request), showId, plan.rev, items, 'show.contestants-import');
        return { created: items.length };
      },
    );
  });

  route('PUT /api/admin/shows/:showId/staff', async (request) =>
    builder.setStaff(
      actorOf(request),
      parse(showParams, request.params).showId,
      parse(staffAssignmentSchema, request.body),
    ),
  );

  route('POST /api/admin/shows/:showId/publish', async (request) =>
    builder.publish(actorOf(request), parse(showParams, request.params).showId),
  );

  route('GET /api/admin/shows/:showId/seat-cards', async (request): Promise<SeatCard[]> => {
    const { showId } = parse(showParams, request.params);
    const runner = runnerOf(showId);
    const record = app.shows.record(showId)!;
    const links = joinLinksFor(showId, {
      publicUrl: opts.publicUrl,
      pageHost: request.headers.host,
      lanAddress: opts.lanAddress,
    });
    return seatCardsOf(record, runner.state.seats, links);
  });

  route('GET /api/admin/shows/:showId/results', async (request) => {
    const { showId } = parse(showParams, request.params);
    const state = runnerOf(showId).state;
    return {
      showId,
      title: state.title,
      stage: state.stage,
      standings: standingsOf(state),
      unitStandings: unitStandingsOf(state),
      proposedPrizes: proposePrizes(state),
      prizes: state.prizes,
      prizesConfirmed: state.prizesConfirmed,
    };
  });

  route('GET /api/admin/shows/:showId/export/:kind', async (request, reply) => {
    const { showId, kind } = parse(exportParams, request.params);
    const state = runnerOf(showId).state;
    const audit = async (): Promise<SheetSpec[]> => [
      commandAuditSheet(await app.store.auditTrail(showId)),
      adminAuditSheet(await store.audit({ scope: showScope(showId) })),
    ];
    const sheets: SheetSpec[] =
      kind === 'standings'
        ? [standingsSheet(state)]
        : kind === 'units'
          ? [unitSheet(state)]
          : kind === 'answers'
            ? [answersSheet(state)]
            : kind === 'audit'
              ? await audit()
              : [standingsSheet(state), unitSheet(state), answersSheet(state), ...(await audit())];
    return sendFile(reply, await xlsxOf(sheets), XLSX_TYPE, `${kind}-${showId}.xlsx`);
  });

  route('GET /api/admin/shows/:showId/certificates.pdf', async (request, reply) => {
    const { showId } = parse(showParams, request.params);
    const { seat } = parse(certificateQuery, request.query);
    const state = runnerOf(showId).state;
    if (!state.prizesConfirmed || !state.prizes)
      throw new WorkspaceError('WRONG_STAGE', 'Ban Tổ chức chưa xác nhận giải (Kết quả & giải → Xác nhận).');
    const seats = new Map(state.seats.map((s) => [s.seat, s]));
    const entries = state.prizes
      .flatMap((award) => award.seats.map((s) => ({ seat: s, prize: PRIZE_VI[award.prize] })))
      .map((e, i) => ({
        ...e,
        number: i + 1,
        name: seats.get(e.seat)?.name ?? `Ghế ${e.seat}`,
        unit: seats.get(e.seat)?.unit,
      }))
      .filter((e) => seat === undefined || e.seat === seat);
    if (entries.length === 0)
      throw new WorkspaceError('NOT_FOUND', seat ? `Ghế ${seat} không đạt giải.` : 'Không có giải nào.');
    const pdf = await certificatesPdf({
      settings: await settings.get(),
      showTitle: state.title,
      issuedAt: app.shows.clock(),
      entries,
    });
    return reply
      .header(
        'content-disposition',
        `inline; filename="giay-chung-nhan-${showId}${seat ? `-ghe-${seat}` : ''}.pdf"`,
      )
      .type('application/pdf')
      .send(pdf);
  });
}
