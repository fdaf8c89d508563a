import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { viewFor } from '../../shared/engine/index.ts';
import { LOCALES, type Locale } from '../../shared/i18n/locales.ts';
import { buildReport, renderHtml, renderJson, renderMarkdown } from '../../shared/report/index.ts';
import { formatProblem } from '../../shared/scenario/index.ts';
import type { DrillRegistry } from '../drills/registry.ts';
import type { WaitingDrills } from '../drills/waiting-drills.ts';
import { hashToken, newToken } from '../drills/tokens.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics.ts';
import type { WriteHealth } from '../store/write-health.ts';
import type { EventStore } from '../store/types.ts';
import { scenarioSummary, type BundledScenarios } from './scenarios.ts';
import { PastDrills } from './past-drills.ts';
import type { PublicOrigin } from './public-origin.ts';
import { bearerKeyCheck } from './bearer-key.ts';
import { CreationLimit, type CreationRate } from './drill-creation.ts';
import { REPORT_CSP, setSecurityHeaders } from './security-headers.ts';
import { staticFiles } from './static.ts';

/*
 * The HTTP edge: health, scenario list, drill creation, the facilitator's drill list, reports and
 * the event-log export. Handlers validate, authorise by token, call into shared/, and answer.
 */

export interface HttpDeps {
  store: EventStore;
  registry: DrillRegistry;
  bundled: Pick<BundledScenarios, 'list'>;
  log: Logger;
  metrics: ServerMetrics;
  health: Pick<WriteHealth, 'failure'>;
  staticDir: string | null;
  origin: Pick<PublicOrigin, 'allows' | 'joinLink'>;
  /** TTX_ORGANISER_KEY: when set, creating a drill needs it. */
  organiserKey: string | null;
  /** When set, `GET /metrics` needs it as a bearer token (TTX_METRICS_TOKEN). */
  metricsToken?: string | null;
  waiting: Pick<WaitingDrills, 'admit' | 'seen'>;
  /** Drills one address may create (default CREATE_BURST, then one every CREATE_EVERY_MS). */
  creationRate?: CreationRate;
  now(): number;
}

const MAX_BODY = 1_100_000;

const createSchema = z.strictObject({
  scenarioId: z.string().max(80).optional(),
  scenarioText: z.string().max(1_000_000).optional(),
  fileName: z.string().max(200).optional(),
  seed: z.union([z.string().max(64), z.number().int()]).optional(),
  speed: z.number().min(1).max(10).default(1),
  /** Absent: the number of SMEs the scenario is balanced for. */
  smeCount: z.number().int().min(1).max(6).optional(),
  observerCount: z.number().int().min(0).max(10).default(1),
  hostKey: z.string().min(16).max(200).optional(),
});

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra });
  res.end(body);
}
const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value));
const fail = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { ok: false, error: { code, message } });

function bearer(req: IncomingMessage, url: URL): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  return url.searchParams.get('token');
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createHttpHandler(deps: HttpDeps) {
  const { store, registry, bundled, log } = deps;
  const pastDrills = new PastDrills(store, registry);
  const serveStatic = deps.staticDir ? staticFiles(deps.staticDir) : null;
  const keyCheck = bearerKeyCheck(deps.organiserKey);
  const metricsCheck = bearerKeyCheck(deps.metricsToken ?? null);
  const creationLimit = new CreationLimit(deps.now, deps.creationRate);

  async function createDrill(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!deps.origin.allows(req)) {
      log.security('bad-origin', { path: url.pathname });
      return fail(res, 403, 'FORBIDDEN', 'requests from this origin are not allowed');
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    if (!creationLimit.take(address)) {
      log.security('rate-limited', { path: url.pathname, from: address });
      return send(res, 429, JSON.stringify({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many drills created from this address; wait a little and try again' } }), undefined, { 'retry-after': String(creationLimit.retryAfterSeconds()) });
    }
    const key = keyCheck(req);
    if (key !== 'ok') {
      log.security('organiser-key', { path: url.pathname, from: address, why: key });
      return key === 'missing'
        ? fail(res, 401, 'UNAUTHORIZED', 'this server asks for the organiser key to create a drill: send it as Authorization: Bearer <key>')
        : fail(res, 403, 'FORBIDDEN', 'that organiser key is not the one this server was given');
    }
    const text = await readBody(req);
    if (text === null) return fail(res, 413, 'BAD_REQUEST', 'request body is larger than 1 MB');
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return fail(res, 400, 'BAD_REQUEST', 'body must be JSON');
    }
    const parsed = createSchema.safeParse(raw);
    if (!parsed.success) return fail(res, 400, 'BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const input = parsed.data;
    let scenarioText: string;
    let fileName: string;
    if (input.scenarioText !== undefined) {
      scenarioText = input.scenarioText;
      fileName = input.fileName ?? 'uploaded.yaml';
    } else {
      const found = bundled.list().find((b) => b.id === input.scenarioId);
      if (!found) return fail(res, 404, 'NOT_FOUND', `no bundled scenario "${input.scenarioId ?? ''}"; choose one of ${bundled.list().map((b) => b.id).join(', ')}`);
      scenarioText = found.text;
      fileName = found.file;
    }
    const loaded = registry.load(scenarioText, fileName);
    if (!loaded.ok) return json(res, 422, { ok: false, error: { code: 'INVALID_SCENARIO', message: `the scenario has ${loaded.problems.length} problem(s); see problems`, problems: loaded.problems.map(formatProblem) } });
    if (!deps.waiting.admit()) return fail(res, 503, 'OVERLOADED', 'too many drills are waiting to start on this server; try again later');
    const hostKey = input.hostKey ?? newToken();
    const seed = String(input.seed ?? randomInt(1_000_000_000));
    const created = await registry.create({ scenarioText, scenarioFile: fileName, seed, speed: input.speed, smeCount: input.smeCount, observerCount: input.observerCount, hostKey }, loaded.compiled);
    deps.waiting.seen(created.drillId);
    deps.metrics.drillsCreated.inc();
    const facilitator = created.seats.find((s) => s.role === 'facilitator');
    json(res, 201, {
      ok: true,
      data: {
        drillId: created.drillId,
        hostKey,
        facilitatorToken: facilitator?.token,
        seed,
        scenarioId: loaded.compiled.scenario.id,
        seats: created.seats.map((s) => ({ role: s.role, seat: s.seat, token: s.token, link: deps.origin.joinLink(s.token) })),
      },
    });
  }

  async function drillAccess(req: IncomingMessage, url: URL, drillId: string) {
    const token = bearer(req, url);
    const seat = token ? await store.findSeat(hashToken(token)) : null;
    if (!seat || seat.drillId !== drillId) return null;
    return seat;
  }

  /**
   * Past drills are listed per host key (returned by POST /api/drills, kept by the browser). A
   * facilitator seat token works too: it stands for the host key its drill was created with. Any
   * other token lists nothing, so a player cannot enumerate drills.
   */
  async function facilitatorHostHash(req: IncomingMessage, url: URL): Promise<string | null> {
    const token = bearer(req, url);
    if (!token) return null;
    const hash = hashToken(token);
    const seat = await store.findSeat(hash);
    if (seat) return seat.role === 'facilitator' ? ((await store.getDrill(seat.drillId))?.hostKeyHash ?? null) : null;
    return (await store.listDrills(hash)).length > 0 ? hash : null;
  }

  async function report(req: IncomingMessage, res: ServerResponse, url: URL, drillId: string, ext: string) {
    const seat = await drillAccess(req, url, drillId);
    if (!seat) {
      log.security('bad-token', { path: '/drills/:id/report' });
      return fail(res, 401, 'UNAUTHORIZED', 'a valid seat token for this drill is required (?token= or Authorization: Bearer)');
    }
    const room = await registry.read(drillId);
    const refused = room ? undefined : registry.refusal(drillId);
    if (refused) return fail(res, 410, 'OLD_ENGINE', refused);
    if (!room) return fail(res, 404, 'NOT_FOUND', 'no such drill');
    if (room.state.lifecycle !== 'ended' && seat.role !== 'facilitator') return fail(res, 403, 'FORBIDDEN', 'the report opens to participants when the facilitator ends the drill');
    const requested = url.searchParams.get('locale');
    const locale: Locale = LOCALES.includes(requested as Locale) ? (requested as Locale) : 'en';
    // A player's or observer's report holds only what their seat was shown; the facilitator's holds everything.
    const viewer = seat.role === 'facilitator' ? {} : { viewer: { role: seat.role, seat: seat.seat } };
    const r = buildReport(room.compiled, await store.entries(drillId), { locale, ...viewer });
    if (ext === 'json') return send(res, 200, renderJson(r));
    if (ext === 'md') return send(res, 200, renderMarkdown(r), 'text/markdown; charset=utf-8', { 'content-disposition': `attachment; filename="report-${drillId}.md"` });
    return send(res, 200, renderHtml(r), 'text/html; charset=utf-8', { 'content-security-policy': REPORT_CSP });
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      if (path === '/healthz') {
        const failure = deps.health.failure;
        if (failure !== null) return json(res, 503, { ok: false, ready: false, reason: `the database is not taking writes: ${failure.slice(0, 300)}` });
        return json(res, 200, { ok: true, ready: true, drills: registry.live().length });
      }
      if (path === '/metrics' && req.method === 'GET') {
        if (metricsCheck(req) !== 'ok') {
          log.security('bad-token', { path: '/metrics' });
          return fail(res, 401, 'UNAUTHORIZED', 'this server\'s metrics need its metrics token (TTX_METRICS_TOKEN) as Authorization: Bearer <token>');
        }
        const { type, text } = await deps.metrics.exposition();
        return send(res, 200, text, type);
      }
      if (path === '/api/scenarios' && req.method === 'GET') return json(res, 200, { ok: true, data: bundled.list().map(scenarioSummary) });
      if (path === '/api/drills' && req.method === 'POST') return await createDrill(req, res, url);
      if (path === '/api/drills' && req.method === 'GET') {
        const hostKeyHash = await facilitatorHostHash(req, url);
        if (!hostKeyHash) {
          log.security('bad-token', { path: '/api/drills' });
          return fail(res, 401, 'UNAUTHORIZED', 'send your host key, or the facilitator token of one of your drills, as Authorization: Bearer <token> or ?token=');
        }
        return json(res, 200, { ok: true, data: await Promise.all((await store.listDrills(hostKeyHash)).map((d) => pastDrills.summary(d))) });
      }
      const reportMatch = /^\/drills\/([a-z0-9]+)\/report\.(html|md|json)$/.exec(path);
      if (reportMatch && req.method === 'GET') return await report(req, res, url, reportMatch[1] ?? '', reportMatch[2] ?? 'html');
      const eventsMatch = /^\/drills\/([a-z0-9]+)\/events\.jsonl$/.exec(path);
      if (eventsMatch && req.method === 'GET') {
        const drillId = eventsMatch[1] ?? '';
        const seat = await drillAccess(req, url, drillId);
        if (!seat || seat.role !== 'facilitator') {
          log.security(seat ? 'forbidden' : 'bad-token', { path: '/drills/:id/events.jsonl' });
          return fail(res, seat ? 403 : 401, seat ? 'FORBIDDEN' : 'UNAUTHORIZED', 'the event log is for the facilitator only');
        }
        const lines = (await store.entries(drillId)).map((e) => JSON.stringify(e)).join('\n');
        return send(res, 200, lines + '\n', 'application/x-ndjson; charset=utf-8', { 'content-disposition': `attachment; filename="drill-${drillId}.jsonl"` });
      }
      const viewMatch = /^\/drills\/([a-z0-9]+)\/view$/.exec(path);
      if (viewMatch && req.method === 'GET') {
        const seat = await drillAccess(req, url, viewMatch[1] ?? '');
        const room = seat ? await registry.readWhole(viewMatch[1] ?? '') : null;
        if (!seat || !room) return fail(res, 401, 'UNAUTHORIZED', 'a valid seat token for this drill is required');
        return json(res, 200, { ok: true, data: viewFor(room.compiled, room.state, { role: seat.role, seat: seat.seat }) });
      }
      const notFound = () => fail(res, 404, 'NOT_FOUND', `nothing at ${path.slice(0, 200)}`);
      if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic && !path.startsWith('/api/') && !path.startsWith('/drills/')) {
        if (!decodable(path)) return fail(res, 400, 'BAD_REQUEST', 'that path is not valid');
        return serveStatic(req, res, notFound);
      }
      notFound();
    } catch (error) {
      log.error('http request failed', error, { method: req.method ?? '', path: path.slice(0, 200) });
      if (!res.headersSent) fail(res, 500, 'INTERNAL', 'something went wrong on the server; nothing was changed');
    }
  };
}
