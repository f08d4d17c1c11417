import { setupLanguageToggle } from "../shared/i18n.js";
setupLanguageToggle();
