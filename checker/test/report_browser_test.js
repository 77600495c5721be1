#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// Loads a `retcheck report` page from disk in headless Chromium and checks
// it as a reader would: no console or page error, no request leaving the
// file, no script run from a finding, every count equal to the merged JSON's,
// sorting and filtering that work; then saves a screenshot.
//
//   report_browser_test.js REPORT_DIR SCREENSHOT.png [OLD_MERGED.json]
//
// REPORT_DIR holds report.html and merged.json; OLD_MERGED.json is the
// merged result of the --compare inputs, when the report compares.
// Environment: RETCHECK_CHROMIUM (default /usr/bin/chromium),
// RETCHECK_PLAYWRIGHT (default /usr/local/share/retcheck-test/node_modules/
// playwright-core).
'use strict';
const fs = require('fs');
const path = require('path');

const [reportDir, screenshot, oldMerged] = process.argv.slice(2);
const chromiumPath = process.env.RETCHECK_CHROMIUM || '/usr/bin/chromium';
const playwrightPath = process.env.RETCHECK_PLAYWRIGHT ||
  '/usr/local/share/retcheck-test/node_modules/playwright-core';
const failures = [];
let checks = 0;

function check(ok, what) {
  checks++;
  if (!ok) {
    failures.push(what);
    console.log('FAIL: ' + what);
  }
}
/// JSON text with object keys sorted: equal values, equal text.
function canonical(value) {
  return JSON.stringify(value, (key, v) => v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v);
}
function equal(got, want, what) {
  check(canonical(got) === canonical(want),
    `${what}: got ${canonical(got)}, want ${canonical(want)}`);
}

/// What the page must show, computed from the JSON alone.
function expectations() {
  const merged = JSON.parse(fs.readFileSync(path.join(reportDir, 'merged.json')));
  const old = oldMerged ? JSON.parse(fs.readFileSync(oldMerged)) : null;
  const labels = merged.trees.map((t) => t.label);
  let compared = null;
  const rows = merged.findings.map((f) => ({ tree: f.tree, check: f.check,
    dir: f.relative_file.includes('/') ? f.relative_file.replace(/\/[^/]*$/, '') : '.',
    status: 'current', fingerprint: f.fingerprint, function: f.function,
    section: f.maintainers_section, level: f.severity, rank: f.rank, finding: f }));
  if (old) {
    // One tree on each side pairs whatever the labels; otherwise by label.
    const pair = (label) => old.trees.length === 1 && labels.length === 1
      ? old.trees[0].label : label;
    const before = new Set(old.findings.map((f) => f.tree + '\0' + f.fingerprint));
    const now = new Set(merged.findings.map((f) => f.tree + '\0' + f.fingerprint));
    compared = new Set(labels.filter((l) =>
      old.trees.some((t) => t.label === pair(l))));
    // A finding new by fingerprint that merged.json calls changed must
    // replace one gone by fingerprint from the same file and called
    // function; that one is not listed as fixed.
    const replaced = new Set();
    for (const r of rows) {
      if (compared.has(r.tree)) {
        r.status = before.has(pair(r.tree) + '\0' + r.fingerprint) ? 'unchanged' : 'new';
        const stated = r.finding.status;
        check(stated === r.status || (r.status === 'new' && stated === 'changed'),
          `merged.json status of ${r.fingerprint}: ${stated}, by fingerprint ${r.status}`);
        const p = r.finding.previous;
        if (r.status === 'new' && stated === 'changed') {
          check(p && p.relative_file === r.finding.relative_file && p.function === r.function &&
            before.has(pair(r.tree) + '\0' + p.fingerprint) && !now.has(r.tree + '\0' + p.fingerprint),
          `the finding ${r.fingerprint} replaced is gone from the same call`);
          r.status = 'changed';
          r.previous = p;
          replaced.add(pair(r.tree) + '\0' + p.fingerprint);
        }
      }
    }
    for (const label of compared) {
      for (const f of old.findings) {
        if (f.tree === pair(label) && !now.has(label + '\0' + f.fingerprint) &&
            !replaced.has(f.tree + '\0' + f.fingerprint)) {
          rows.push({ tree: label, check: f.check, status: 'fixed', level: f.severity, rank: f.rank,
            fingerprint: f.fingerprint, function: f.function, section: f.maintainers_section,
            dir: f.relative_file.includes('/') ? f.relative_file.replace(/\/[^/]*$/, '') : '.' });
        }
      }
    }
  }
  return { labels, rows, compared: old ? compared : null };
}

function countBy(rows, labels, key) {
  const out = {};
  for (const r of rows.filter((r) => r.status !== 'fixed')) {
    out[key(r)] = out[key(r)] || labels.map(() => 0);
    out[key(r)][labels.indexOf(r.tree)]++;
  }
  return out;
}

async function tallyTable(page, id) {
  return page.$$eval(`#${id} tbody tr`, (trs) => Object.fromEntries(trs.map((tr) =>
    [tr.dataset.key, Array.from(tr.querySelectorAll('td[data-tree]')).map((td) => Number(td.textContent))])));
}

async function visibleRows(page) {
  return page.$$eval('#findings-table tbody tr.finding', (trs) => trs.filter((tr) => {
    // A finding and its source row show and hide together.
    if (tr.hidden !== tr.nextElementSibling.hidden) {
      throw new Error('a source row out of step with its finding');
    }
    return !tr.hidden;
  }).length);
}

async function main() {
  for (const [what, where] of [['chromium', chromiumPath], ['playwright-core', playwrightPath]]) {
    if (!fs.existsSync(where)) {
      console.log(`FAIL: ${what} is not installed at ${where} (scripts/install-deps.sh ` +
        'installs it; configure with -DRETCHECK_BROWSER_TEST=OFF to leave this test out)');
      process.exit(1);
    }
  }
  const { chromium } = require(playwrightPath);
  const want = expectations();
  // No time limits (playwright's are 30 s to launch, 30 s per action): on
  // a loaded machine a screenshot alone took over 5 s. A hang is the only
  // failure they would catch; CI's time limit catches that.
  const browser = await chromium.launch({ executablePath: chromiumPath, timeout: 0,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(0);
    const url = 'file://' + path.resolve(reportDir, 'report.html');
    page.on('console', (m) => check(!['error', 'warning'].includes(m.type()),
      `console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => check(false, 'page error: ' + e.message));
    page.on('dialog', (d) => { check(false, 'a dialog opened: ' + d.message()); d.dismiss(); });
    page.on('request', (r) => check(r.url() === url, 'a request left the page: ' + r.url()));
    const response = await page.goto(url, { waitUntil: 'load' });
    check(response === null || response.ok(), 'the page loads');

    // Totals, against the merged JSON.
    const { labels, rows } = want;
    const current = rows.filter((r) => r.status !== 'fixed');
    equal(await page.$$eval('#summary-table tbody tr', (trs) => trs.map((tr) => tr.dataset.tree)),
      labels, 'trees in the summary');
    equal(await page.$$eval('#summary-table td[data-count="findings"]', (tds) => tds.map((td) => Number(td.textContent))),
      labels.map((l) => current.filter((r) => r.tree === l).length), 'findings per tree');
    if (want.compared) {
      // A tree without an older run has no numbers there.
      for (const status of ['new', 'changed', 'fixed', 'unchanged']) {
        equal(await page.$$eval(`#summary-table td[data-count="${status}"]`, (tds) => tds.map((td) => td.textContent)),
          labels.map((l) => want.compared.has(l)
            ? String(rows.filter((r) => r.tree === l && r.status === status).length) : ''),
          `${status} per tree`);
      }
    }
    const perCheck = countBy(rows, labels, (r) => r.check);
    for (const name of ['retcheck-ignored-result', 'retcheck-minus-one-check',
      'retcheck-unchecked-store', 'retcheck-lossy-store',
      'retcheck-incomplete-check', 'retcheck-unchecked-use']) {
      perCheck[name] = perCheck[name] || labels.map(() => 0);
    }
    equal(await tallyTable(page, 'by-check'), perCheck, 'per check');
    equal(await tallyTable(page, 'by-function'), countBy(rows, labels, (r) => r.function), 'per rule function');
    if (rows.some((r) => r.section !== undefined)) {
      equal(await tallyTable(page, 'by-section'),
        countBy(rows, labels, (r) => r.section || '(no section)'), 'per MAINTAINERS section');
    }
    // A changed finding says what it was.
    for (const r of rows.filter((r) => r.status === 'changed')) {
      const text = await page.textContent(`tr.finding[data-fingerprint="${r.fingerprint}"] td span.was`);
      equal(text, `was ${r.previous.check.replace(/^retcheck-/, '')} at line ${r.previous.line}`,
        `what changed finding ${r.fingerprint} was`);
    }
    const dirs = countBy(rows, labels, (r) => r.dir);
    equal(await tallyTable(page, 'by-directory'), dirs, 'per directory');
    equal(await page.$$eval('#directory-chart g.dir', (gs) => gs.length),
      Math.min(25, Object.keys(dirs).length), 'bars in the chart');
    // Warnings first by rank, highest first; the notes folded below them
    // until asked for.
    const levels = await page.$$eval('#findings-table tbody tr.finding', (trs) =>
      trs.map((tr) => [tr.dataset.level, Number(tr.cells[0].dataset.key)]));
    const notes = rows.filter((r) => r.level === 'note').length;
    check(notes > 0, 'the report has notes to fold');
    equal(levels.map((l) => l[0]), levels.map((l) => l[0]).slice().sort().reverse(),
      'warnings before notes');
    for (const tier of ['warning', 'note']) {
      const ranks = levels.filter((l) => l[0] === tier).map((l) => l[1]);
      equal(ranks, ranks.slice().sort((a, b) => b - a), `${tier}s by rank`);
    }
    equal(await visibleRows(page), rows.length - notes, 'notes folded');
    equal(await page.textContent('#shown'),
      `Showing ${rows.length - notes} of ${rows.length} findings (${notes} notes folded)`,
      'row count line, notes folded');
    // A missing button must fail the check, not wait for it forever.
    check(await page.$('#toggle-notes') !== null, 'a button that unfolds the notes');
    if (await page.$('#toggle-notes') !== null) {
      await page.click('#toggle-notes');
    }
    equal(await page.getAttribute('#toggle-notes', 'aria-expanded'), 'true', 'notes unfolded');
    equal(await visibleRows(page), rows.length, 'findings table rows');
    equal(await page.textContent('#shown'), `Showing ${rows.length} of ${rows.length} findings`, 'row count line');

    // Sorting: by location, both ways; the other columns keep aria-sort none.
    const headings = await page.$$eval('#findings-table thead th', (ths) => ths.map((th) => th.textContent));
    const location = headings.indexOf('Location');
    check(location >= 0, 'a Location column');
    // Rows in page order, tier by tier; each finding still followed by its
    // own source. A sort orders each tier and keeps the tiers apart.
    const keys = (tier) => page.$$eval(`#findings-table tbody[data-tier="${tier}"] tr.finding`,
      (trs, column) => trs.map((tr) => {
        if (tr.nextElementSibling.dataset.for !== tr.id) {
          throw new Error(`finding ${tr.id} is not followed by its source row`);
        }
        return tr.cells[column].dataset.key;
      }), location);
    const collator = new Intl.Collator(undefined, { numeric: true });
    const tiers = ['warning', 'note'];
    const sorted = {};
    for (const tier of tiers) {
      sorted[tier] = (await keys(tier)).slice().sort(collator.compare);
    }
    await page.click(`#findings-table thead th:nth-child(${location + 1}) button`);
    for (const tier of tiers) {
      equal(await keys(tier), sorted[tier], `${tier}s sorted by location`);
    }
    equal(await page.getAttribute(`#findings-table thead th:nth-child(${location + 1})`, 'aria-sort'),
      'ascending', 'aria-sort after one click');
    await page.click(`#findings-table thead th:nth-child(${location + 1}) button`);
    for (const tier of tiers) {
      equal(await keys(tier), sorted[tier].slice().reverse(), `${tier}s sorted by location, descending`);
    }

    // Filtering: text, a check, a tree, a directory from the totals.
    await page.fill('#filter', 'minus-one');
    // A changed finding that was a minus-one check says so, and matches.
    const minusOne = rows.filter((r) => r.check === 'retcheck-minus-one-check' ||
      (r.previous && r.previous.check === 'retcheck-minus-one-check')).length;
    check(minusOne > 0, 'the report has minus-one findings to filter');
    equal(await visibleRows(page), minusOne, 'text filter "minus-one"');
    equal(await page.textContent('#shown'), `Showing ${minusOne} of ${rows.length} findings`, 'filtered count line');
    await page.fill('#filter', '');
    await page.selectOption('#filter-check', 'retcheck-ignored-result');
    equal(await visibleRows(page), rows.filter((r) => r.check === 'retcheck-ignored-result').length,
      'check filter');
    if (labels.length > 1) {
      await page.selectOption('#filter-tree', labels[1]);
      equal(await visibleRows(page), rows.filter((r) => r.check === 'retcheck-ignored-result' &&
        r.tree === labels[1]).length, 'check and tree filters together');
    }
    await page.click('#filter-reset');
    equal(await visibleRows(page), rows.length, 'reset shows every row');
    const dir = Object.keys(dirs)[0];
    await page.click(`#by-directory button[data-dir="${dir}"]`);
    equal(await page.inputValue('#filter-dir'), dir, 'a directory name selects it');
    equal(await visibleRows(page), rows.filter((r) => r.dir === dir).length, 'directory filter');
    if (want.compared) {
      for (const status of ['new', 'changed', 'fixed']) {
        check(rows.some((r) => r.status === status), `the comparison has ${status} findings`);
        await page.click('#filter-reset');
        await page.selectOption('#filter-status', status);
        equal(await visibleRows(page), rows.filter((r) => r.status === status).length,
          `status filter "${status}"`);
      }
    }
    const grouped = rows.find((r) => r.section);
    if (grouped) {
      await page.click('#filter-reset');
      await page.click(`#by-section button[data-section="${grouped.section}"]`);
      equal(await page.inputValue('#filter-section'), grouped.section, 'a section name selects it');
      equal(await visibleRows(page), rows.filter((r) => r.section === grouped.section).length,
        'section filter');
    }
    await page.click('#filter-reset');

    // A fix opens as a diff of removed and added lines.
    const fix = page.locator('details.source', { hasText: 'source and fix' }).first();
    check(await fix.count() === 1, 'a finding with a fix');
    await fix.locator('summary').click();
    check(await fix.locator('pre.diff .del').count() > 0 && await fix.locator('pre.diff .add').count() > 0,
      'the fix shows removed and added lines');
    check(await fix.locator('pre.diff .hit').count() > 0, 'the finding line is marked');
    check(await fix.locator('pre.diff .call').count() > 0, 'the call line is marked');

    await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await browser.close();
  }
  const size = fs.existsSync(screenshot) ? fs.statSync(screenshot).size : 0;
  const magic = size ? fs.readFileSync(screenshot).subarray(0, 8).toString('hex') : '';
  check(magic === '89504e470d0a1a0a' && size > 20000, `screenshot ${screenshot}: ${size} bytes`);
  console.log(`report-browser: ${checks - failures.length} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.log('FAIL: ' + (e.stack || e));
  process.exit(1);
});
