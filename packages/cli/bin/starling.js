#!/usr/bin/env node
// Committed entry point, so npm can link the bin before `prepare` builds dist/.
import '../dist/main.js';
