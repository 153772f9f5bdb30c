import { describeHttpFuzz } from './http-fuzz.ts';

describeHttpFuzz(0, 2);
