// Assembles the app: the api, the view and the controller that wires them. Nothing else.

import { createApi } from './api.js';
import { Controller } from './controller.js';
import { View } from './view.js';

const controller = new Controller(createApi(), new View(document));
controller.start();
