// The portal's engine: the full module (claims, publicity, deadlines, plans too).
import * as pkg from "peixun";
import { pageEngine } from "../shared/engine.js";

export const { engine, attempt, isPeixunError, version } = pageEngine(pkg);
