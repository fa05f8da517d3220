import { showSession } from './session.js';
showSession();
