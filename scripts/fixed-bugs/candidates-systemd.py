#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Candidate fixes of ignored or mis-tested call results between two versions
of a C tree written in systemd's style.

    scripts/fixed-bugs/candidates-systemd.py OLD_TREE NEW_TREE > candidates.tsv

Text only (no compiler, no retcheck): every function definition of every .c
file (debian/ and .pc/ left out) is cut into statements; functions are paired
between the trees by name (a function moved to another file still pairs), and
what is left by the similarity of the bodies (renames such as chase_symlinks ->
chase; callee names are translated through those renames).  For each pair and
each callee, every call is put in one class:

    ignored   an expression statement `f(...);`
    void      `(void) f(...);` (systemd's mark of a deliberate ignore)
    untested  `v = f(...);` with no test of v in the next four statements
    tested    `v = f(...);` then a test of v (if/assert/return/while/&&/||/?:)
    cond      f(...) inside an if/while/assert/return condition or a return
    other     an argument, an initialiser in an expression, ...
and every test gets a form: `< 0`, `== -1`, `!`, bare truth value, `== 0`, ...

Loggers, printers, free/unref functions, list macros and string predicates
are left out (NOT_STATUS): they return what they were given, or nothing to
check.  A pair is a candidate for a callee when
    checked   the old version has more ignored, void or untested calls than
              the new one, and the new one more tested or cond calls;
    used      the old version has more "other" calls, and the new one more
              tests that single out a failure (`< 0`, `!v`, `== -E...`, ...);
    retested  an old test of the form `== -1`, `!v`, bare `v`, `!= 0`, `== 0`
              became `< 0`, `<= 0`, `> 0` or `>= 0`.
Then the same over whole files (each old file against the new file most of its
functions went to), for calls that moved into another function such as a
helper split off; rules "checked-file" and so on, old_func and new_func `*`,
only callees not already listed for that file.  Every candidate still has to
be read in both trees: most are refactors.

Output (TSV, header first): rule, callee, old_file, old_func, old_lines,
new_file, new_func, new_lines, old_forms, new_forms.  Lines are where the
callee's name stands in the calls of that callee in the function; forms are
class(test form)@line.  A count line goes to stderr.
"""
import collections
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candidates  # noqa: E402  (blank)

KEYWORDS = {'if', 'while', 'for', 'switch', 'return', 'sizeof', 'typeof', '__typeof__',
            'defined', '__attribute__', 'alignof', '_Alignof', 'offsetof', 'else', 'do',
            'case', 'goto', 'assert', '__builtin_expect', 'likely', 'unlikely', '_likely_',
            '_unlikely_', 'IN_SET', 'SYNTHETIC_ERRNO', 'ERRNO_IS_NOT_SUPPORTED'}
WRAPPERS = ('RET_NERRNO', 'TAKE_FD', 'TAKE_PTR', 'LESS_BY', 'PTR_TO_INT')
CALL = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
IDENT = re.compile(r'[A-Za-z_]\w*')


def blank(text):
    """candidates.py's blank() (comments and the insides of literals become
    spaces, newlines kept), and preprocessor lines blanked as well, so that
    #if branches do not unbalance the braces."""
    out = list(candidates.blank(text))
    i, n = 0, len(out)
    while i < n:
        j = i
        while j < n and out[j] in ' \t':
            j += 1
        end = i
        while end < n and not (out[end] == '\n' and (end == 0 or out[end - 1] != '\\')):
            end += 1
        if j < n and out[j] == '#':
            for k in range(j, end):
                if out[k] != '\n':
                    out[k] = ' '
        i = end + 1
    return ''.join(out)


class Function:
    def __init__(self, path, name, start, end, text, linestarts):
        self.path, self.name = path, name
        self.start, self.end = start, end          # offsets of the body
        self.text = text                            # blanked file text
        self.linestarts = linestarts
        self.stmts = split_statements(text, start, end)

    def line(self, off):
        lo, hi = 0, len(self.linestarts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.linestarts[mid] <= off:
                lo = mid
            else:
                hi = mid
        return lo + 1

    def body(self):
        return ' '.join(s for _, s in self.stmts)


LABEL = re.compile(r'\s*(?:case\b[^:]*:(?!:)|default\s*:|[A-Za-z_]\w*\s*:(?!:)|else\b|do\b)')
HEADER = re.compile(r'\s*(?:if|for|while|switch|[A-Z][A-Z0-9_]*FOREACH[A-Z0-9_]*)\s*\(')


def peel(text, s, e):
    """[(start, end)] of the pieces of text[s:e]: labels and `else` dropped,
    a control header (`if (...)`, `for (...)`, `FOREACH(...)`) and the
    statement it governs become two pieces."""
    out = []
    while s < e:
        m = LABEL.match(text, s, e)
        if m and m.end() > s:
            s = m.end()
            continue
        m = HEADER.match(text, s, e)
        if m:
            close = match_paren(text, m.end() - 1, e)
            if text[close + 1:e].strip():
                out.append((s, close + 1))
                s = close + 1
                continue
        out.append((s, e))
        break
    return out


def split_statements(text, start, end):
    """(offset, normalised text) for each statement: split at ';', '{' and '}'
    outside parentheses, then peeled (see peel)."""
    out, depth, s = [], 0, start
    for i in range(start, end):
        c = text[i]
        if c == '(':
            depth += 1
        elif c == ')':
            depth = max(0, depth - 1)
        elif depth == 0 and c in ';{}':
            for a, b in peel(text, s, i + 1):
                seg = text[a:b]
                norm = ' '.join(seg.split())
                if norm not in (';', '{', '}', ''):
                    lead = len(seg) - len(seg.lstrip())
                    out.append((a + lead, norm))
            s = i + 1
    return out


SIG_START = re.compile(r'[A-Za-z_]')


def functions_of(root, rel):
    with open(os.path.join(root, rel), encoding='utf-8', errors='replace') as f:
        text = blank(f.read())
    offs = [0] + [m.end() for m in re.finditer('\n', text)]   # line starts
    lines = text.split('\n')
    funcs, sig, i = [], None, 0
    while i < len(lines):
        ln = lines[i]
        if sig is None and ln and SIG_START.match(ln[0]) and not ln.startswith(('typedef', 'struct ', 'enum ', 'union ')):
            sig = ''
        if sig is not None:
            sig += ln + '\n'
            st = ln.rstrip()
            if st.endswith(';') or (st.endswith('}') and not st.endswith('{')):
                sig = None
            elif st.endswith('{'):
                head = sig[:sig.rfind('{')]
                m = None
                if '(' in head and '=' not in head.split('(')[0]:
                    m = re.search(r'([A-Za-z_]\w*)\s*\(', head)
                if m:
                    name = m.group(1)
                    if name in ('TEST', 'TEST_RET', 'DEFINE_TEST_MAIN', 'DEFINE_CUSTOM_TEST_MAIN'):
                        a = re.search(r'\(\s*([A-Za-z_]\w*)', head[m.end() - 1:])
                        name = 'test_' + a.group(1) if a else name
                    body_start = offs[i] + len(ln)
                    j = i + 1
                    while j < len(lines) and not re.match(r'\}\s*$', lines[j]):
                        j += 1
                    body_end = offs[j] if j < len(lines) else len(text)
                    funcs.append(Function(rel, name, body_start, body_end, text, offs))
                    i = j + 1
                    sig = None
                    continue
                sig = None
        i += 1
    return funcs


def c_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        rel = os.path.relpath(d, root)
        if rel.split(os.sep)[0] in ('debian', '.pc', '.git'):
            dirs[:] = []
            continue
        out += [os.path.normpath(os.path.join(rel, f)) for f in files if f.endswith('.c')]
    return sorted(out)


def tokens(f):
    return set(IDENT.findall(f.body()))


def pair_functions(old, new):
    """[(old Function, new Function)]: same name first (same file preferred),
    then leftovers by body similarity."""
    by_name_o, by_name_n = collections.defaultdict(list), collections.defaultdict(list)
    for f in old:
        by_name_o[f.name].append(f)
    for f in new:
        by_name_n[f.name].append(f)
    pairs, used_o, used_n = [], set(), set()

    def sim(a, b):
        return difflib.SequenceMatcher(None, [s for _, s in a.stmts], [s for _, s in b.stmts],
                                       autojunk=False).ratio()
    for name, os_ in by_name_o.items():
        ns = by_name_n.get(name, [])
        if not ns:
            continue
        if len(os_) == 1 and len(ns) == 1:
            cand = [(1.0, os_[0], ns[0])]
        else:
            cand = sorted(((sim(a, b) + (0.5 if os.path.basename(a.path) == os.path.basename(b.path) else 0), a, b)
                           for a in os_ for b in ns), key=lambda t: -t[0])
        for score, a, b in cand:
            if id(a) in used_o or id(b) in used_n:
                continue
            pairs.append((a, b))
            used_o.add(id(a))
            used_n.add(id(b))
    lo = [f for f in old if id(f) not in used_o and len(f.stmts) >= 3]
    ln = [f for f in new if id(f) not in used_n and len(f.stmts) >= 3]
    tn = [(f, tokens(f)) for f in ln]
    renames = {}
    for a in lo:
        ta = tokens(a)
        best = []
        for b, tb in tn:
            if id(b) in used_n:
                continue
            j = len(ta & tb) / max(1, len(ta | tb))
            if j >= 0.5:
                best.append((j, b))
        scored = sorted(((sim(a, b), b) for j, b in best), key=lambda t: -t[0])
        if scored and scored[0][0] >= 0.5:
            b = scored[0][1]
            pairs.append((a, b))
            used_n.add(id(b))
            if a.name != b.name:
                renames[a.name] = b.name
    return pairs, renames


def match_paren(s, i, end=None):
    """Index of the ')' that closes the '(' at s[i] (searched up to end)."""
    depth = 0
    end = len(s) if end is None else end
    for k in range(i, end):
        if s[k] == '(':
            depth += 1
        elif s[k] == ')':
            depth -= 1
            if depth == 0:
                return k
    return end - 1


ASSIGN = re.compile(r'^(?:[\w\s\*]*?[\s\*])?\**\s*([A-Za-z_][\w\.\->\[\]]*)\s*=\s*(?:\([\w\s\*]+\)\s*)?$')


def test_form(cond, var):
    """How cond tests var (a name, or a call text): '< 0', '== -1', '!', ..."""
    v = re.escape(var)
    forms = [(r'%s\s*<\s*0\b' % v, '< 0'), (r'%s\s*<=\s*0\b' % v, '<= 0'),
             (r'%s\s*>=\s*0\b' % v, '>= 0'), (r'%s\s*>\s*0\b' % v, '> 0'),
             (r'%s\s*==\s*-\s*1\b' % v, '== -1'), (r'%s\s*!=\s*-\s*1\b' % v, '!= -1'),
             (r'%s\s*==\s*-\s*E\w+' % v, '== -E'), (r'%s\s*!=\s*-\s*E\w+' % v, '!= -E'),
             (r'%s\s*==\s*(?:0|NULL)\b' % v, '== 0'), (r'%s\s*!=\s*(?:0|NULL)\b' % v, '!= 0'),
             (r'!\s*%s' % v, '!'), (r'\b(?:ERRNO_IS_\w+|IN_SET)\s*\(\s*%s\b' % v, 'ERRNO_IS'),
             (r'%s\s*[=!<>]=?\s*' % v, 'cmp')]
    for pat, name in forms:
        if re.search(pat, cond):
            return name
    return 'truth'


TEST_HEAD = re.compile(r'^(?:\}\s*else\s+)?(?:if|while|assert|assert_se|assert_return|assert_return_errno|'
                       r'return|RET_GATHER|ASSERT_\w+)\b')


def classify(f, renames=None):
    """{callee: [(class, form, line)]} for every call in f."""
    res = collections.defaultdict(list)
    st = f.stmts
    for idx, (off, s) in enumerate(st):
        for m in CALL.finditer(s):
            name = m.group(1)
            if name in KEYWORDS:
                continue
            callee = renames.get(name, name) if renames else name
            end = match_paren(s, m.end() - 1)
            before, after = s[:m.start()], s[end + 1:].strip()
            # RET_NERRNO(f(...)) and friends: f's result is the wrapper's
            w = re.search(r'\b(%s)\s*\(\s*$' % '|'.join(WRAPPERS), before)
            if w and s[end + 1:].lstrip().startswith(')'):
                close = match_paren(s, s.index('(', w.start(1)))
                before, after = s[:w.start(1)], s[close + 1:].strip()
            raw_line = f.line(locate(f, off, s, m.start()))
            before_s = before.strip()
            if before_s in ('', '(void)') and after == ';':
                res[callee].append(('void' if before_s else 'ignored', '', raw_line))
                continue
            am = ASSIGN.match(before) if after == ';' else None
            if am:
                var = am.group(1)
                form = None
                for _, nxt in st[idx + 1:idx + 5]:
                    if re.search(r'(?<![\w\.>])%s\s*=[^=]' % re.escape(var), nxt) and not nxt.startswith(('if', 'while')):
                        break
                    if re.search(r'(?<![\w\.>])%s\b' % re.escape(var), nxt) and \
                            (TEST_HEAD.match(nxt) or re.search(r'(&&|\|\||\?)', nxt)):
                        form = test_form(nxt, var)
                        break
                res[callee].append(('tested', form, raw_line) if form else ('untested', '', raw_line))
                continue
            if TEST_HEAD.match(s):
                form = test_form(s, s[m.start():end + 1])
                res[callee].append(('cond', form, raw_line))
                continue
            res[callee].append(('other', '', raw_line))
    return res


def locate(f, off, norm, pos):
    """File offset of position pos of normalised statement norm starting at off."""
    # walk the file text from off, mapping non-space runs
    t, k, i = f.text, 0, off
    while k < pos and i < len(t):
        if t[i].isspace():
            while i < len(t) and t[i].isspace():
                i += 1
            k += 1          # one space in norm
        else:
            i += 1
            k += 1
    while i < len(t) and t[i].isspace():
        i += 1
    return i


# Callees whose result is not a status to check: loggers (they return the
# errno they were given, so `log_...(); goto fail;` -> `return log_...();` is a
# refactor), printing, freeing and list macros, and plain predicates.
NOT_STATUS = re.compile(r'^(log_\w+|\w+_log_\w+|bus_log_\w+|json_log\w*|printf|fprintf|fputs|puts|'
                        r'putchar|fputc|free|mfree|\w+_free\w*|\w+_unref\w*|TAKE_\w+|LIST_\w+|'
                        r'streq\w*|FLAGS_SET|strcpy|memcpy|memset|zero|assert\w*|'
                        r'sd_bus_error_set\w*|sd_bus_error_free)$')
BAD = {'ignored', 'void', 'untested'}
GOOD = {'tested', 'cond'}
WEAK = {'== -1', '!', 'truth', '!= 0', '== 0', '!= -1'}
STRONG = {'< 0', '<= 0', '> 0', '>= 0'}
SHARP = STRONG | {'!', '== 0', '!= 0', '== -E', '!= -E', 'ERRNO_IS', '== -1'}  # tests of a failure


def rule_of(xa, xb):
    """The candidate rule for one callee's calls xa (old) and xb (new), or None."""
    def count(xs, test):
        return sum(1 for c in xs if test(c))
    bad_a, bad_b = (count(x, lambda c: c[0] in BAD) for x in (xa, xb))
    good_a, good_b = (count(x, lambda c: c[0] in GOOD) for x in (xa, xb))
    sharp_a, sharp_b = (count(x, lambda c: c[0] in GOOD and c[1] in SHARP) for x in (xa, xb))
    weak_a, weak_b = (count(x, lambda c: c[1] in WEAK) for x in (xa, xb))
    strong_a, strong_b = (count(x, lambda c: c[1] in STRONG) for x in (xa, xb))
    other_a, other_b = (count(x, lambda c: c[0] == 'other') for x in (xa, xb))
    if bad_a > bad_b and good_b > good_a:
        return 'checked'
    if other_a > other_b and sharp_b > sharp_a:
        return 'used'
    if weak_a > weak_b and strong_b > strong_a:
        return 'retested'
    return None


def fmt(xs):
    return ','.join('%s%s@%d' % (c, '(' + fm + ')' if fm else '', ln) for c, fm, ln in xs)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: candidates-systemd.py OLD_TREE NEW_TREE')
    oroot, nroot = sys.argv[1:]
    old = [fn for rel in c_files(oroot) for fn in functions_of(oroot, rel)]
    new = [fn for rel in c_files(nroot) for fn in functions_of(nroot, rel)]
    pairs, renames = pair_functions(old, new)
    print('\t'.join(['rule', 'callee', 'old_file', 'old_func', 'old_lines', 'new_file', 'new_func',
                     'new_lines', 'old_forms', 'new_forms']))
    n, seen = 0, set()
    # Function scope: each pair of functions, callee by callee.
    file_pairs = collections.defaultdict(collections.Counter)
    for a, b in pairs:
        file_pairs[a.path][b.path] += 1
        if a.body() == b.body():
            continue
        ca, cb = classify(a, renames), classify(b)
        for callee in sorted(set(ca) & set(cb)):
            if NOT_STATUS.match(callee):
                continue
            rule = rule_of(ca[callee], cb[callee])
            if not rule:
                continue
            xa, xb = ca[callee], cb[callee]
            print('\t'.join([rule, callee, a.path, a.name, ','.join(str(c[2]) for c in xa),
                             b.path, b.name, ','.join(str(c[2]) for c in xb), fmt(xa), fmt(xb)]))
            seen.add((a.path, callee))
            n += 1
    # File scope: a call moved into another function of the file (a helper
    # split off, say) is missed above; compare the calls of whole files, each
    # old file with the new file most of its functions went to.
    by_path_o, by_path_n = collections.defaultdict(list), collections.defaultdict(list)
    for f in old:
        by_path_o[f.path].append(f)
    for f in new:
        by_path_n[f.path].append(f)
    nf = 0
    for opath, targets in sorted(file_pairs.items()):
        npath = targets.most_common(1)[0][0]
        ca, cb = collections.defaultdict(list), collections.defaultdict(list)
        for f in by_path_o[opath]:
            for k, v in classify(f, renames).items():
                ca[k] += v
        for f in by_path_n[npath]:
            for k, v in classify(f).items():
                cb[k] += v
        for callee in sorted(set(ca) & set(cb)):
            if NOT_STATUS.match(callee) or (opath, callee) in seen:
                continue
            rule = rule_of(ca[callee], cb[callee])
            if not rule:
                continue
            xa, xb = ca[callee], cb[callee]
            print('\t'.join([rule + '-file', callee, opath, '*', ','.join(str(c[2]) for c in xa),
                             npath, '*', ','.join(str(c[2]) for c in xb), fmt(xa), fmt(xb)]))
            nf += 1
    print(f'{len(old)} old and {len(new)} new functions, {len(pairs)} pairs '
          f'({len(renames)} renamed), {n} candidates in functions, {nf} more in files',
          file=sys.stderr)


if __name__ == '__main__':
    main()
