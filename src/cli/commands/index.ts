// Every `myvalue` subcommand, registered in one list.
import type { Register } from '../command';
import { registerSign } from './sign';
import { registerMock } from './mock';
import { registerRun } from './run';
import { registerInject } from './inject';
import { registerGate } from './gate';
import { registerReport } from './report';
import { registerDiff } from './diff';
import { registerConvert } from './convert';
import { registerCertify } from './certify';

export const COMMANDS: Register[] = [registerSign, registerMock, registerRun, registerInject, registerGate, registerReport, registerDiff, registerConvert, registerCertify];
