// The trainee page's engine: the trainee's build of the module (eligibility,
// vouchers, punches, attendance, the calendar, ID checks).
import * as pkg from "peixun/trainee";
import { pageEngine } from "../shared/engine.js";

export const { engine, attempt, isPeixunError, version } = pageEngine(pkg);
