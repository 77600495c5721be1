#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""candidates.py OLD NEW [-o OUT] [options]

Candidate call sites for a corpus of fixed bugs: calls whose result the OLD
tree ignores, tests incompletely or uses untested, and the NEW tree tests.
Project-independent: OLD and NEW are two source trees of one C project.  It
reads the trees as text (no build needed) and never runs a checker.

Files are paired by hand (--pair OLD=NEW, for a file renamed or merged into
another), then by their path under the tree; files left unpaired are paired
by name when the name is unique on both sides (a file moved between
directories).  Each pair is compared with `diff -U0 --minimal`.  How a call's
result is handled (its *form*) is read from the statement around it:
ignored (`f(..);`, `(void)f(..)`, `ignore_value(f(..))`), tested (in an
if/while/for condition, `&&`, `||`, `?:`, with the operator: `< 0`, `== -1`,
`!`, truth...), returned, stored (`v = f(..)`, then the first later mention of
v up to the function's end: a test, a use, an overwrite or nothing) or nested
(an argument of another call).  Candidates, four rules:

  1. call: a call in the added lines of a hunk that the new code tests, and a
     call of the same function in the removed lines (or, if none, in the same
     function of the old file within SLACK lines of the hunk) whose result is
     ignored, stored and used or lost before any test, nested, tested with
     `== -1`/`!= -1` where the new code tests `< 0` (minus-one), or tested by
     truth/`!` where the new code compares (incomplete);
  2. test-added: an added test of a variable v (`if (!v)`, `if (v < 0)`..)
     whose value comes from `v = f(..)` up to 30 lines above in the new file,
     when the matching old `v = f(..)` is not tested before use (and the hunk
     did not just rewrite an old test of v);
  3. func-count: in a function of the same name in both files, the new code
     tests more calls of f than the old did; each old call of f that is not
     tested and whose statement does not survive unchanged is a candidate;
  4. null-safe: a comparison of v that became NULL-tolerant (--null-safe
     pairs, default STREQ=STREQ_NULLABLE, STRNEQ=STRNEQ_NULLABLE,
     streq=streq_ptr, strcmp=strcmp_ptr, strlen=strlen_ptr) where v comes from
     `v = f(..)` up to 30 lines above.
A candidate whose old statement survives unchanged in the new function of the
same name is dropped (the new check is about another call).

The result is only a list to read: each candidate must be judged by reading
both versions (renamed functions, moved code, calls that became infallible
and functions whose return type changed all look alike here).  Outputs in OUT
(default ./candidates):
  candidates.tsv  id rule kind old_file old_line new_file new_line callee
                  caller old_form new_form
  review.txt      each candidate with the old and new code around it
  stats.txt       counts
--sample N --seed S draws a seeded random sample of N candidates
(sample.tsv, sample-review.txt) when there are too many to read.
"""
import argparse
import os
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict

KEYWORDS = {
    'if', 'while', 'for', 'switch', 'return', 'sizeof', 'defined', 'case',
    'do', 'else', 'goto', 'typeof', '__typeof__', 'alignof', '_Alignof',
    '__attribute__', '__builtin_expect', 'offsetof', 'va_arg',
}
# wrappers a tested value passes through unchanged
TRANSPARENT = {'likely', 'unlikely', '__builtin_expect', 'G_LIKELY', 'G_UNLIKELY',
               '_likely_', '_unlikely_'}
IGNORE_WRAPPERS = r'(ignore_value|IGNORE_VALUE|(void)\s*)'
CALL_RE = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
LVALUE = r'[A-Za-z_][\w.\->\[\]]*'
TEST_OPS = (r'(<\s*0|<=\s*0|>=\s*0|>\s*0|==\s*-1|!=\s*-1|==\s*NULL|!=\s*NULL'
            r'|==\s*0|!=\s*0|==|!=|<|>)')
NULL_SAFE = ['STREQ=STREQ_NULLABLE', 'STRNEQ=STRNEQ_NULLABLE', 'streq=streq_ptr',
             'strcmp=strcmp_ptr', 'strlen=strlen_ptr']
BRANCH = re.compile(r'\s*(case\b.*:|default\s*:|\}?\s*else\b)')


def blank(text):
    """text with comments and the insides of string and character literals
    replaced by spaces (newlines kept, so lines and columns stay put)."""
    out, i, n = list(text), 0, len(text)
    while i < n:
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            for k in range(i + 1, min(j, n)):
                if out[k] != '\n':
                    out[k] = ' '
            i = j + 1
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out[i:j] = ' ' * (j - i)
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != '\n':
                    out[k] = ' '
            i = j
        else:
            i += 1
    return ''.join(out)


def paren_end(text, start):
    """Index after the parenthesis that closes the one at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == '(') - (text[i] == ')')
        if depth == 0:
            return i + 1
    return len(text)


def strip_headers(before):
    """before without the complete control headers it starts with: the
    statement after `if (c)`, `else`, `for (..)`, `case X:` stands alone."""
    while True:
        b = before.lstrip()
        m = re.match(r'(if|while|for|switch)\s*\(', b)
        if m:
            e = paren_end(b, m.end() - 1)
            if e >= len(b) or b[e - 1] != ')':
                return before   # the call is inside the header
            before = b[e:]
            continue
        m = re.match(r'(else|do)\b|(case\b[^:]*|default)\s*:(?!:)|[A-Za-z_]\w*\s*:(?!:)|\{|\}', b)
        if m and m.end() > 0:
            before = b[m.end():]
            continue
        return before


def innermost_open(before):
    """Index of the innermost '(' still open at the end of before, or -1."""
    stack = []
    for i, c in enumerate(before):
        if c == '(':
            stack.append(i)
        elif c == ')' and stack:
            stack.pop()
    return stack[-1] if stack else -1


def test_op(line, var):
    """The test of var on line: an operator of TEST_OPS, '!' or 'truth'."""
    m = re.search(re.escape(var) + r'\s*' + TEST_OPS, line)
    if m:
        return re.sub(r'\s+', '', m.group(1))
    return '!' if re.search(r'!\s*\(?\s*' + re.escape(var) + r'\b', line) else 'truth'


def indent(raw):
    return len(raw) - len(raw.lstrip())


class Source:
    """One file's lines, with comments and literals blanked, and its functions."""

    def __init__(self, path):
        with open(path, errors='replace') as f:
            text = f.read()
        self.raw = text.split('\n')
        self.code = blank(text).split('\n')
        self.functions = self._functions()
        self._keys = {}

    def __len__(self):
        return len(self.code)

    def line(self, n):  # 1-based
        return self.code[n - 1] if 1 <= n <= len(self.code) else ''

    def statement(self, n):
        """(first, last, text) of the statement or condition holding line n."""
        first = n
        while first > 1:
            prev = self.line(first - 1).rstrip()
            if (not prev or prev.endswith((';', '{', '}', ':')) or prev.lstrip().startswith('#')
                    or re.match(r'\s*(else|do)\s*$', prev)):
                break
            first -= 1
        text, depth, last = [], 0, n
        for k in range(first, min(len(self.code), first + 26) + 1):
            s = self.line(k)
            text.append(s.strip())
            depth += s.count('(') - s.count(')')
            last = k
            if k >= n and depth <= 0 and (s.rstrip().endswith((';', '{', ')', '}')) or not s.strip()):
                break
        return first, last, ' '.join(text)

    def _functions(self):
        """{name: (first, last)}: a '{' at column 0, or ending a header line
        that starts at column 0, to the next '}' at column 0."""
        out, k, n = {}, 1, len(self.raw)
        while k <= n:
            raw = self.raw[k - 1]
            opens = raw.startswith('{') or (
                re.match(r'[A-Za-z_]', raw) and raw.rstrip().endswith('{') and '(' in self.line(k)
                and not re.match(r'(struct|union|enum|typedef)\b', raw) and '=' not in self.line(k))
            name = None
            if opens:
                for j in range(k, max(0, k - 30), -1):
                    m = re.match(r'^(?:[\w\s\*]*?[\s\*])?([A-Za-z_]\w*)\s*\(', self.code[j - 1])
                    if m and m.group(1) not in KEYWORDS and not self.raw[j - 1][:1].isspace():
                        name = m.group(1)
                        break
            if name:
                e = k + 1
                while e <= n and not self.raw[e - 1].startswith('}'):
                    e += 1
                out.setdefault(name, (k, e))
                k = e + 1
                continue
            k += 1
        return out

    def function_of(self, n):
        for name, (a, b) in self.functions.items():
            if a <= n <= b:
                return name
        return '?'

    def same_statement(self, func, text):
        """The lines of function func whose statement reads text (blanks aside)."""
        if func not in self._keys:
            a, b = self.functions.get(func, (0, -1))
            keys = defaultdict(list)
            for k in range(a, b + 1):
                keys[re.sub(r'\s+', '', self.statement(k)[2])].append(k)
            self._keys[func] = keys
        return self._keys[func].get(re.sub(r'\s+', '', text), [])

    def calls(self, n):
        """Names called on line n (not keywords, not ALL_CAPS macros)."""
        return [m.group(1) for m in CALL_RE.finditer(self.line(n))
                if m.group(1) not in KEYWORDS and not m.group(1).isupper()
                and m.group(1).strip('_') and m.group(1) not in TRANSPARENT
                and not re.fullmatch(IGNORE_WRAPPERS, m.group(1))]

    def tested_later(self, last, var, limit=60):
        """How var is first met after line last, up to the function's end:
        ('test', line, op), ('use'|'overwritten', line, '') or (None, None, '').
        Lines in a sibling branch (after a case/default/else of the store's
        block, until the code leaves that block) are passed over."""
        v = re.escape(var)
        home = indent(self.raw[last - 1])
        crossed = None   # indentation of the branch line crossed
        for k in range(last + 1, min(len(self), last + limit) + 1):
            raw = self.raw[k - 1]
            if raw.startswith('}'):
                break
            s = self.line(k)
            if BRANCH.match(s) and indent(raw) < home:
                crossed = indent(raw) if crossed is None else min(crossed, indent(raw))
                continue
            if crossed is not None:
                if s.strip() and s.strip() != '}' and indent(raw) <= crossed:
                    crossed = None
                else:
                    continue
            if not re.search(r'(?<![\w.>])' + v + r'(?!\w)', s):
                continue
            if re.search(r'\b(if|while)\s*\(|\?|&&|\|\||\breturn\b', s):
                op = re.search(v + r'\s*' + TEST_OPS, s)
                if op:
                    return 'test', k, re.sub(r'\s+', '', op.group(1))
                if re.search(r'!\s*\(?\s*' + v + r'\b', s):
                    return 'test', k, '!'
                if re.search(TEST_OPS.replace('<', '>') + r'\s*' + v, s) \
                        or re.search(r'\b(if|while)\s*\(\s*' + v + r'\s*\)', s):
                    return 'test', k, 'truth'
                if re.search(r'\breturn\s+' + v + r'\s*;', s):
                    return 'test', k, 'return'
            if re.match(r'\s*' + v + r'\s*=[^=]', s):
                return 'overwritten', k, ''
            return 'use', k, ''
        return None, None, ''

    def form(self, n, name):
        """How the result of the call of `name` on line n is handled:
        (form, detail) with form one of ignored, returned, test, store-test,
        store-use, store-overwritten, store-unused, nested, other."""
        first, last, text = self.statement(n)
        m = re.search(r'(?<![\w.>])' + re.escape(name) + r'\s*\(', text)
        if not m:
            return 'unknown', ''
        end = paren_end(text, text.index('(', m.start()))
        before, after = strip_headers(text[:m.start()]).rstrip(), text[end:].lstrip()
        if re.fullmatch(r'(\(void\)\s*)?', before) and after.startswith(';'):
            return 'ignored', ''
        if re.fullmatch(r'(ignore_value|IGNORE_VALUE)\s*\(\s*(\(void\)\s*)?', before):
            return 'ignored', 'ignore_value'
        if before.strip() == 'return':
            return 'returned', ''
        inner = re.search(r'\(\s*' + LVALUE + r'\s*=\s*(\([\w\s\*]+\)\s*)?$', before)
        if inner and after.startswith(')'):
            # `if ((v = f(..)) < 0)`, `!(v = f(..))`: the assignment's value is tested
            before, after = before[:inner.start()], after[1:].lstrip()
        while True:   # likely(f(..)) is f(..)
            w = re.search(r'\b(' + '|'.join(TRANSPARENT) + r')\s*\(\s*$', before)
            if not w or not after.startswith((')', ',')):
                break
            # drop the wrapper's own remaining arguments and its ')'
            before, after = before[:w.start()], after[paren_end('(' + after, 0) - 1:].lstrip()
        op = re.match(TEST_OPS, after)
        neg = re.search(r'!\s*\(?\s*$', before)
        io = innermost_open(before)
        callee_arg = io >= 0 and re.search(r'([A-Za-z_]\w*)\s*$', before[:io]) and \
            re.search(r'([A-Za-z_]\w*)\s*$', before[:io]).group(1) not in KEYWORDS
        if callee_arg and not op and not neg and not re.match(r'\s*(&&|\|\||\?)', after) \
                and not re.search(r'(&&|\|\|)\s*$', before):
            return 'nested', ''
        cond = self._in_condition(before) or after.startswith('?') or \
            re.search(r'(&&|\|\|)\s*!?\s*$', before) or re.match(r'\s*(&&|\|\|)', after)
        if cond or op:
            return 'test', re.sub(r'\s+', '', op.group(1)) if op else ('!' if neg else 'truth')
        asg = re.search(r'(' + LVALUE + r')\s*(\|=|&=|\+=|=)\s*(\([\w\s\*]+\)\s*)?$', before)
        if asg and after.startswith(';'):
            var = asg.group(1)
            what, _, op = self.tested_later(last, var)
            return 'store-' + (what or 'unused'), var + ('|' + op if op else '')
        return 'other', ''

    @staticmethod
    def _in_condition(before):
        """Whether text ending in `before` is inside an if/while/for condition."""
        for m in re.finditer(r'\b(if|while|for)\s*\(', before):
            depth = 0
            for c in before[m.end() - 1:]:
                depth += (c == '(') - (c == ')')
                if depth == 0:
                    break
            if depth > 0:
                return True
        return False

    def stored_from(self, line, var, limit=30):
        """(line, callee) of the nearest `var = f(..)` above line, in the same
        function, or (None, None)."""
        func = self.function_of(line)
        pat = re.compile(r'(?<![\w.>])' + re.escape(var) + r'\s*=\s*(\([\w\s\*]+\)\s*)?([A-Za-z_]\w*)\s*\(')
        for j in range(line - 1, max(0, line - limit), -1):
            a = pat.search(self.line(j))
            if a:
                name = a.group(2)
                if name in KEYWORDS or name.isupper() or self.function_of(j) != func:
                    return None, None
                return j, name
        return None, None


CHECKED = {'test', 'returned', 'store-test', 'null-safe'}


def unchecked_kind(old, new):
    """retcheck's name for the mistake of the old form against the new one,
    or None when the old form is no worse."""
    (of, oa), (nf, na) = old, new
    if nf not in CHECKED:
        return None
    oa, na = oa.split('|')[-1], na.split('|')[-1]   # a stored value's test
    if of == 'store-test':
        of = 'test'
    if of == 'ignored':
        return 'ignored'
    if of == 'test' and oa in ('==-1', '!=-1') and na in ('<0', '>=0', '<=0', '>0'):
        return 'minus-one-check'
    if of == 'test' and oa in ('!', 'truth') and na in ('<0', '>=0', '==-1', '!=-1'):
        return 'incomplete-check'
    if of in ('store-use', 'nested'):
        return 'unchecked-use'
    if of in ('store-unused', 'store-overwritten'):
        return 'unchecked-store'
    return None


def hunks(old_path, new_path):
    """(old_start, old_len, new_start, new_len) of `diff -U0` hunks."""
    p = subprocess.run(['diff', '-U0', '--minimal', old_path, new_path],
                       capture_output=True, text=True, errors='replace')
    for l in p.stdout.split('\n'):
        m = re.match(r'@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@', l)
        if m:
            os_, ol = int(m.group(1)), int(m.group(2) or 1)
            ns, nl = int(m.group(3)), int(m.group(4) or 1)
            yield os_ + (ol == 0), ol, ns + (nl == 0), nl


class Pair:
    """One old file and its new version, and the candidates between them."""

    def __init__(self, ko, kn, po, pn, args):
        self.ko, self.kn, self.args = ko, kn, args
        self.hunks = list(hunks(po, pn))
        self.so = Source(po) if self.hunks else None
        self.sn = Source(pn) if self.hunks else None
        self.found = {}
        # unchanged runs: (old start, new start, length)
        self.runs, o, n = [], 1, 1
        for os_, ol, ns, nl in self.hunks:
            self.runs.append((o, n, os_ - o))
            o, n = os_ + ol, ns + nl
        self.runs.append((o, n, 10 ** 9))

    def to_old(self, y):
        for o0, n0, length in self.runs:
            if n0 <= y < n0 + length:
                return o0 + (y - n0)
        return None

    def add(self, rule, oline, nline, name, ofm, nfm):
        kind = unchecked_kind(ofm, nfm)
        key = (oline, name)
        if not kind or key in self.found:
            return
        # the old statement is still there, unchecked, in the new function:
        # the new check is about another call (a null-safe comparison leaves
        # the store as it was)
        func = self.so.function_of(oline)
        if rule != 'null-safe' and any(
                self.sn.form(k, name)[0] not in CHECKED
                for k in self.sn.same_statement(func, self.so.statement(oline)[2])):
            return
        self.found[key] = dict(
            rule=rule, kind=kind, old_file=self.ko, old_line=oline, new_file=self.kn,
            new_line=nline, callee=name, caller=func,
            old_form=':'.join(x for x in ofm if x), new_form=':'.join(x for x in nfm if x),
            so=self.so, sn=self.sn)

    def candidates(self):
        if not self.hunks:
            return []
        for h in self.hunks:
            self.rule_call(*h)
            self.rule_test_added(*h)
            self.rule_null_safe(*h)
        self.rule_func_count()
        return list(self.found.values())

    def rule_call(self, os_, ol, ns, nl):
        so, sn = self.so, self.sn
        old_calls = defaultdict(list)
        for k in range(os_, os_ + ol):
            for name in so.calls(k):
                old_calls[name].append(k)
        for k in range(ns, ns + nl):
            for name in sn.calls(k):
                nfm = sn.form(k, name)
                if nfm[0] not in CHECKED:
                    continue
                near, rule = old_calls.get(name), 'call-hunk'
                if not near:
                    func = sn.function_of(k)
                    lo, hi = max(1, os_ - self.args.slack), min(len(so), os_ + ol + self.args.slack)
                    near = [j for j in range(lo, hi + 1)
                            if name in so.calls(j) and so.function_of(j) == func]
                    rule = 'call-near'
                for j in near:
                    self.add(rule, j, k, name, so.form(j, name), nfm)

    def old_store(self, os_, nline, var, name):
        """Old lines storing var from name that match the new store at nline:
        the same line if the diff kept it, else any in the same function near
        the hunk."""
        oj = self.to_old(nline)
        if oj:
            return [oj] if name in self.so.calls(oj) else []
        func = self.sn.function_of(nline)
        pat = re.compile(r'(?<![\w.>])' + re.escape(var) + r'\s*=\s*(\([\w\s\*]+\)\s*)?'
                         + re.escape(name) + r'\s*\(')
        lo, hi = max(1, os_ - self.args.slack), min(len(self.so), os_ + self.args.slack)
        return [x for x in range(lo, hi + 1)
                if pat.search(self.so.line(x)) and self.so.function_of(x) == func]

    def rule_test_added(self, os_, ol, ns, nl):
        so, sn = self.so, self.sn
        removed = {re.sub(r'\s+', '', so.line(k)) for k in range(os_, os_ + ol)}
        for k in range(ns, ns + nl):
            s = sn.line(k)
            if not re.search(r'\b(if|while)\s*\(', s) and not re.match(r'\s*(\|\||&&)', s):
                continue
            if re.sub(r'\s+', '', s) in removed:
                continue
            for m in re.finditer(r'!\s*(' + LVALUE + r')|(' + LVALUE + r')\s*' + TEST_OPS, s):
                var = m.group(1) or m.group(2)
                if var in KEYWORDS or var.isupper():
                    continue
                j, name = sn.stored_from(k, var)
                if not j:
                    continue
                nfm = ('store-test', var + '|' + test_op(s, var))
                for x in self.old_store(os_, j, var, name):
                    self.add('test-added', x, j, name, so.form(x, name), nfm)

    def rule_null_safe(self, os_, ol, ns, nl):
        so, sn = self.so, self.sn
        pairs = [p.split('=', 1) for p in self.args.null_safe]
        for k in range(ns, ns + nl):
            for unsafe, safe in pairs:
                for m in re.finditer(r'\b' + re.escape(safe) + r'\s*\(\s*(' + LVALUE + r')\s*[,)]',
                                     sn.line(k)):
                    var = m.group(1)
                    was = re.compile(r'\b' + re.escape(unsafe) + r'\s*\(\s*' + re.escape(var) + r'\s*[,)]')
                    for x in range(os_, os_ + ol):
                        if not was.search(so.line(x)):
                            continue
                        oj, name = so.stored_from(x, var)
                        nj, nname = sn.stored_from(k, var)
                        if oj and name == nname:
                            self.add('null-safe', oj, nj, name, ('store-use', var),
                                     ('null-safe', safe))

    def rule_func_count(self):
        so, sn = self.so, self.sn
        changed = set()
        for os_, ol, ns, nl in self.hunks:
            changed.update(range(ns, ns + max(nl, 1)))
        for func, (a, b) in sn.functions.items():
            if func not in so.functions or not any(a <= x <= b for x in changed):
                continue
            oa, ob = so.functions[func]
            fold, fnew = defaultdict(list), defaultdict(list)
            for src, (x, y), out in ((so, (oa, ob), fold), (sn, (a, b), fnew)):
                for k in range(x, y + 1):
                    for name in src.calls(k):
                        out[name].append((k, src.form(k, name)))
            for name, nsites in fnew.items():
                osites = fold.get(name, [])
                nchk = [(k, f) for k, f in nsites if f[0] in CHECKED]
                ochk = [(k, f) for k, f in osites if f[0] in CHECKED]
                if len(nchk) <= len(ochk):
                    continue
                old_text = {re.sub(r'\s+', '', so.statement(k)[2]) for k, _ in ochk}
                fresh = [(k, f) for k, f in nchk
                         if re.sub(r'\s+', '', sn.statement(k)[2]) not in old_text] or nchk
                for k, f in osites:
                    self.add('func-count', k, fresh[0][0], name, f, fresh[0][1])


def tree_files(root, exts, exclude):
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in exclude and not x.startswith('.')]
        for f in files:
            if f.endswith(tuple(exts)):
                p = os.path.join(d, f)
                out[os.path.relpath(p, root)] = p
    return out


def pair_files(old, new, manual=()):
    """[(old key, new key)]: the pairs given by hand (OLD=NEW), the same path,
    else the same unique file name."""
    pairs = []
    for m in manual:
        o, _, n = m.partition('=')
        if o not in old or n not in new:
            print(f'candidates.py: --pair {m}: no such old or new file', file=sys.stderr)
            sys.exit(2)
        pairs.append((o, n))
    old = {k: v for k, v in old.items() if k not in {o for o, _ in pairs}}
    pairs += [(k, k) for k in sorted(old) if k in new]
    lo = [k for k in old if k not in new]
    ln = [k for k in new if k not in old]
    name = os.path.basename
    for k in lo:
        same_o = [x for x in lo if name(x) == name(k)]
        same_n = [x for x in ln if name(x) == name(k)]
        if len(same_o) == 1 and len(same_n) == 1:
            pairs.append((k, same_n[0]))
    return pairs, lo, ln


def find_candidates(args):
    oldf = tree_files(args.old, args.ext, set(args.exclude))
    newf = tree_files(args.new, args.ext, set(args.exclude))
    pairs, lo, ln = pair_files(oldf, newf, args.pair)
    stats = Counter()
    stats['old files'], stats['new files'] = len(oldf), len(newf)
    stats['paired files'] = len(pairs)
    stats['unpaired old files'] = len(set(lo) - {a for a, _ in pairs})
    stats['unpaired new files'] = len(set(ln) - {b for _, b in pairs})
    cands = []
    for ko, kn in pairs:
        p = Pair(ko, kn, oldf[ko], newf[kn], args)
        if p.hunks:
            stats['changed files'] += 1
            stats['hunks'] += len(p.hunks)
        cands += p.candidates()
    stats['candidates'] = len(cands)
    for c in cands:
        stats['rule ' + c['rule']] += 1
    for c in cands:
        stats['kind ' + c['kind']] += 1
    return cands, stats


def excerpt(src, n, before=6, after=8):
    lo, hi = max(1, n - before), min(len(src), n + after)
    return '\n'.join(('>' if k == n else ' ') + f'{k:6} ' + src.raw[k - 1] for k in range(lo, hi + 1))


def write(out, tsv, review, cands):
    cols = ['id', 'rule', 'kind', 'old_file', 'old_line', 'new_file', 'new_line', 'callee',
            'caller', 'old_form', 'new_form']
    with open(os.path.join(out, tsv), 'w') as f:
        f.write('\t'.join(cols) + '\n')
        for c in cands:
            f.write('\t'.join(str(c[x]) for x in cols) + '\n')
    with open(os.path.join(out, review), 'w') as f:
        for c in cands:
            f.write(f"=== {c['id']} {c['kind']} {c['callee']} in {c['caller']} "
                    f"({c['rule']}: {c['old_form']} -> {c['new_form']})\n")
            f.write(f"--- old {c['old_file']}:{c['old_line']}\n{excerpt(c['so'], c['old_line'])}\n")
            f.write(f"+++ new {c['new_file']}:{c['new_line']}\n{excerpt(c['sn'], c['new_line'])}\n\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('old')
    ap.add_argument('new')
    ap.add_argument('-o', '--out', default='candidates')
    ap.add_argument('--ext', action='append', help='file endings (default .c)')
    ap.add_argument('--exclude', action='append', default=['debian', 'build'],
                    help='directory names to skip (dot directories always are)')
    ap.add_argument('--slack', type=int, default=40,
                    help='lines around a hunk searched for the old call (default 40)')
    ap.add_argument('--null-safe', action='append', metavar='UNSAFE=SAFE',
                    help='a NULL-tolerant replacement of a comparison (default: %s)' % ' '.join(NULL_SAFE))
    ap.add_argument('--pair', action='append', default=[], metavar='OLD=NEW',
                    help='compare old file OLD with new file NEW (paths under the trees), '
                    'for a file renamed or merged into another')
    ap.add_argument('--sample', type=int, default=0)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    args.ext = args.ext or ['.c']
    args.null_safe = args.null_safe or NULL_SAFE
    for d in (args.old, args.new):
        if not os.path.isdir(d):
            print(f'candidates.py: {d}: not a directory', file=sys.stderr)
            sys.exit(2)
    os.makedirs(args.out, exist_ok=True)
    cands, stats = find_candidates(args)
    cands.sort(key=lambda c: (c['old_file'], c['old_line']))
    for i, c in enumerate(cands, 1):
        c['id'] = f'C{i:04}'
    write(args.out, 'candidates.tsv', 'review.txt', cands)
    if args.sample and args.sample < len(cands):
        pick = sorted(random.Random(args.seed).sample(cands, args.sample), key=lambda c: c['id'])
        write(args.out, 'sample.tsv', 'sample-review.txt', pick)
        stats[f'sample (seed {args.seed})'] = len(pick)
    with open(os.path.join(args.out, 'stats.txt'), 'w') as f:
        for k, v in stats.items():
            f.write(f'{k}: {v}\n')
    sys.stdout.write(open(os.path.join(args.out, 'stats.txt')).read())


if __name__ == '__main__':
    main()
