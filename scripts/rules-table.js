#!/usr/bin/env node
// Rewrites README.md's rule table from the catalog's metadata (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { rules } from '../dist/index.js';
import { replaceRulesTable } from '../dist/reporters/rules-table.js';

const file = new URL('../README.md', import.meta.url);
writeFileSync(file, replaceRulesTable(readFileSync(file, 'utf8'), rules));
