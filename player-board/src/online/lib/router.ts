/** A tiny history router for /thi/ (vue-router would double the site's script for eight paths). */
import { inject, readonly, ref, type InjectionKey } from 'vue';

export const BASE = '/thi';

export type Route =
  | { name: 'home' }
  | { name: 'register'; roundId: string | null }
  | { name: 'login'; roundId: string | null }
  | { name: 'round'; roundId: string }
  | { name: 'results'; roundId: string }
  | { name: 'quiz'; attemptId: string }
  | { name: 'me' }
  | { name: 'notFound' };

export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const roundId = new URLSearchParams(search).get('r');
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'dang-ky' && parts.length === 1) return { name: 'register', roundId };
  if (parts[0] === 'dang-nhap' && parts.length === 1) return { name: 'login', roundId };
  if (parts[0] === 'cua-toi' && parts.length === 1) return { name: 'me' };
  if (parts[0] === 'r' && parts.length === 2) return { name: 'round', roundId: parts[1] };
  if (parts[0] === 'r' && parts.length === 3 && parts[2] === 'ket-qua')
    return { name: 'results', roundId: parts[1] };
  if (parts[0] === 'bai-thi' && parts.length === 2) return { name: 'quiz', attemptId: parts[1] };
  return { name: 'notFound' };
}

export function pathOf(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'home':
    case 'notFound':
      return `${BASE}/`;
    case 'register':
      return `${BASE}/dang-ky${route.roundId ? `?r=${e(route.roundId)}` : ''}`;
    case 'login':
      return `${BASE}/dang-nhap${route.roundId ? `?r=${e(route.roundId)}` : ''}`;
    case 'me':
      return `${BASE}/cua-toi`;
    case 'round':
      return `${BASE}/r/${e(route.roundId)}`;
    case 'results':
      return `${BASE}/r/${e(route.roundId)}/ket-qua`;
    case 'quiz':
      return `${BASE}/bai-thi/${e(route.attemptId)}`;
  }
}

export function createRouter() {
  const current = ref<Route>(parseRoute(location.pathname, location.search));
  window.addEventListener('popstate', () => {
    current.value = parseRoute(location.pathname, location.search);
  });
  return {
    route: readonly(current),
    go(route: Route, replace = false) {
      const path = pathOf(route);
      if (replace) history.replaceState(null, '', path);
      else history.pushState(null, '', path);
      current.value = route;
      window.scrollTo(0, 0);
    },
  };
}
export type Router = ReturnType<typeof createRouter>;

export const ROUTER: InjectionKey<Router> = Symbol('thi-router');
export function useRouter(): Router {
  const router = inject(ROUTER);
  if (!router) throw new Error('the /thi/ router is not provided');
  return router;
}
