import { appConfig } from '../shared/build/vite-app.ts';

export default appConfig('/board/');
