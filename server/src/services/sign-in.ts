/** The sign-in guard as a decorator: throttle state in the show store's own database, failures in the audit trail. */
import fp from 'fastify-plugin';
import { signInAuditRecords } from '../security/sign-in-audit.ts';
import { SignInGuard } from '../security/sign-in-guard.ts';
import { documentThrottleBook, type ThrottleBook } from '../security/throttle-book.ts';
import { workspaceStoreOn } from '../storage/workspace/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    signIn: SignInGuard;
  }
}

export interface SignInOptions {
  /** where throttle states live (default: the show store's SQLite file or Redis, shared by every node) */
  book?: ThrottleBook;
}

export default fp<SignInOptions>(
  async (app, opts) => {
    const guard = new SignInGuard({
      book: opts.book ?? documentThrottleBook(workspaceStoreOn(app.store)),
      clock: app.shows.clock,
    });
    guard.onFailure((failure) => {
      if (!app.shows.record(failure.showId)) return;
      app.store
        .append(signInAuditRecords(failure))
        .catch((err) => app.log.error({ err }, 'failed sign-in not recorded in the audit trail'));
    });
    app.decorate('signIn', guard);
  },
  { name: 'sign-in', dependencies: ['store', 'shows'] },
);
