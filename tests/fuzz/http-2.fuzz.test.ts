import { describeHttpFuzz } from './http-fuzz.ts';

describeHttpFuzz(1, 2);
