// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// retcheck report: sorting and filtering the findings table. The table is
// complete without this script; it only hides and reorders rows.
'use strict';
(function () {
  const table = document.getElementById('findings-table');
  if (!table) {
    return;
  }
  // Each finding's row is followed by the row of its source; the rows are
  // in tiers (a tbody each: warnings, then notes), and stay in their tier.
  const rows = Array.from(table.querySelectorAll('tr.finding'));
  const filter = document.getElementById('filter');
  const selects = Array.from(document.querySelectorAll('select[data-filter]'));
  const shown = document.getElementById('shown');
  const collator = new Intl.Collator(undefined, { numeric: true });
  // The notes are folded until asked for.
  const toggle = document.getElementById('toggle-notes');
  let notesShown = !toggle;

  // What the text filter searches: every column, the message without the
  // source excerpt below it.
  const searchText = new Map();
  rows.forEach(function (row, index) {
    row.dataset.index = String(index);
    const text = Array.from(row.cells).map(function (cell) {
      const message = cell.querySelector('.msg');
      return (message || cell).textContent;
    });
    searchText.set(row, text.join(' ').toLowerCase());
  });

  function apply() {
    const query = filter.value.trim().toLowerCase();
    let count = 0;
    let folded = 0;
    rows.forEach(function (row) {
      let visible = (!query || searchText.get(row).includes(query)) &&
        selects.every(function (s) {
          return !s.value || row.dataset[s.dataset.filter] === s.value;
        });
      if (visible && !notesShown && row.dataset.level === 'note') {
        visible = false;
        folded += 1;
      }
      row.hidden = row.nextElementSibling.hidden = !visible;
      count += visible ? 1 : 0;
    });
    shown.textContent = 'Showing ' + count + ' of ' + rows.length +
      ' findings' + (folded ? ' (' + folded + ' notes folded)' : '');
    if (toggle) {
      toggle.textContent = notesShown ? 'Hide notes' : 'Show notes';
      toggle.setAttribute('aria-expanded', String(notesShown));
    }
  }

  if (toggle) {
    toggle.addEventListener('click', function () {
      notesShown = !notesShown;
      apply();
    });
  }

  filter.addEventListener('input', apply);
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  document.getElementById('filter-reset').addEventListener('click', function () {
    filter.value = '';
    selects.forEach(function (s) { s.value = ''; });
    apply();
  });

  // A column heading sorts by that column (its cells' data-key, else their
  // text); a second click reverses. Ties keep the original order.
  const headings = Array.from(table.tHead.rows[0].cells);
  headings.forEach(function (heading, column) {
    heading.querySelector('button').addEventListener('click', function () {
      const ascending = heading.getAttribute('aria-sort') !== 'ascending';
      headings.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      heading.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = function (row) {
        const cell = row.cells[column];
        return cell.dataset.key !== undefined ? cell.dataset.key
          : cell.textContent;
      };
      const sorted = rows.slice().sort(function (a, b) {
        const order = collator.compare(key(a), key(b));
        return (ascending ? order : -order) ||
          Number(a.dataset.index) - Number(b.dataset.index);
      });
      sorted.forEach(function (row) {
        const source = row.nextElementSibling;
        const tier = row.parentNode;
        tier.appendChild(row);
        tier.appendChild(source);
      });
    });
  });

  // Directory and section names in the totals and the chart show their rows.
  [['dir', 'filter-dir'], ['section', 'filter-section']].forEach(function (pair) {
    const select = document.getElementById(pair[1]);
    document.querySelectorAll('[data-' + pair[0] + ']').forEach(function (element) {
      if (element.tagName === 'TR' || !select) {
        return;
      }
      element.addEventListener('click', function () {
        select.value = element.dataset[pair[0]];
        apply();
        document.getElementById('findings').scrollIntoView();
      });
    });
  });

  apply();
})();
