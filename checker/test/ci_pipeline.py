#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs a CI recipe as GitLab or GitHub would, without Docker.

    ci_pipeline.py gitlab RECIPE.yml --origin URL --sha SHA --work DIR [options]
    ci_pipeline.py github WORKFLOW.yml --origin URL --sha SHA --work DIR [options]
    ci_pipeline.py apt-get IMAGE_DIR ARGS...   (the images' apt-get)

The recipe's YAML is read as the CI system reads it (extends, rules,
variables, needs, parallel, artifacts, cache; GitHub's jobs, steps, env,
expressions), and each job's before_script and script (GitLab) or each
step's run (GitHub) is executed in order, in a shell with only the
variables the recipe and the CI system define, in a fresh clone made as the
CI system makes it (GitLab: git fetch --depth $GIT_DEPTH of the pipeline's
ref; GitHub's actions/checkout: one commit, owned by the runner's user
while the steps run as root).

The image is simulated without root or Docker: a PATH that holds the
commands of exactly the image's packages (debian:bookworm's own, taken
from its published manifest, plus what the job installs with apt-get and
everything those depend on), and a pkg-config path with exactly their .pc
files. Files come from this machine's installed packages, so every package
a recipe installs must be installed here (scripts/install-deps.sh). apt-get
is a stand-in that adds packages to the image (after `apt-get update`, as
in a real image without package lists); a .deb is unpacked into the
image's root. After a job that analysed the build, every header its
translation units read is looked up (as dpkg -S does): it must belong to a
package of the image.

Not covered: libraries and language modules (the host's are visible: a job
lacking python3-venv would not fail here), absolute paths other than the
installed package's (/usr/share/retcheck/... is mapped into the image's
root), the network (actions and the retcheck-package job are stood in for:
the test supplies their artifacts), users other than root.
"""
import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # the source tree stays as it is
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts", "lib"))
from compile_args import parse_args  # noqa: E402

# debian:bookworm (docker-library/repo-info, repos/debian/local/bookworm.md,
# the 2026-07-13 image): every package the image holds.
DEBIAN_BOOKWORM = """
adduser apt base-files base-passwd bash bsdutils coreutils dash debconf
debian-archive-keyring debianutils diffutils dpkg e2fsprogs findutils
gcc-12-base gpgv grep gzip hostname init-system-helpers libacl1
libapt-pkg6.0 libattr1 libaudit-common libaudit1 libblkid1 libbz2-1.0
libc-bin libc6 libcap-ng0 libcap2 libcom-err2 libcrypt1 libdb5.3
libdebconfclient0 libext2fs2 libffi8 libgcc-s1 libgcrypt20 libgmp10
libgnutls30 libgpg-error0 libhogweed6 libidn2-0 liblz4-1 liblzma5 libmd0
libmount1 libnettle8 libp11-kit0 libpam-modules libpam-modules-bin
libpam-runtime libpam0g libpcre2-8-0 libseccomp2 libselinux1
libsemanage-common libsemanage2 libsepol2 libsmartcols1 libss2 libstdc++6
libsystemd0 libtasn1-6 libtinfo6 libudev1 libunistring2 libuuid1
libxxhash0 libzstd1 login logsave mawk mount ncurses-base ncurses-bin
passwd perl-base sed sysvinit-utils tar tzdata usr-is-merged util-linux
util-linux-extra zlib1g
""".split()
IMAGES = {"debian:bookworm": DEBIAN_BOOKWORM}
BIN_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
PC_DIRS = ("/usr/lib/x86_64-linux-gnu/pkgconfig", "/usr/lib/pkgconfig", "/usr/share/pkgconfig")
# The package's files as the jobs name them, and where they are here.
INSTALLED_PREFIX = "/usr/share/retcheck/"


# --- this machine's packages ------------------------------------------------

class Dpkg:
    """What dpkg knows of the installed packages: dependencies, files."""

    def __init__(self):
        self.depends, self.provides, self.arch = {}, {}, {}
        block = {}
        for line in open("/var/lib/dpkg/status", encoding="utf-8", errors="replace").read().split("\n") + [""]:
            if line == "":
                if block.get("Status", "").endswith(" installed") and "Package" in block:
                    name = block["Package"]
                    self.arch[name] = block.get("Architecture", "all")
                    self.depends[name] = self.parse(block.get("Pre-Depends", "")) + \
                        self.parse(block.get("Depends", ""))
                    for p in self.parse(block.get("Provides", "")):
                        self.provides.setdefault(p[0], []).append(name)
                block, key = {}, None
            elif line[0] in " \t":
                continue
            elif ":" in line:
                key, value = line.split(":", 1)
                block[key] = value.strip()
        self._files = {}
        self._owner = None

    @staticmethod
    def parse(field):
        """A Depends field: one list of alternatives per dependency."""
        out = []
        for dep in filter(None, (d.strip() for d in field.split(","))):
            out.append([re.sub(r":\w+$", "", re.sub(r"[\s(].*", "", a.strip())) for a in dep.split("|")])
        return out

    def installed(self, name):
        return name in self.depends

    def resolve(self, name):
        """The installed package that satisfies NAME, or None."""
        if self.installed(name):
            return name
        return next(iter(self.provides.get(name, [])), None)

    def closure(self, names):
        seen, todo, missing = set(), list(names), []
        while todo:
            name = todo.pop()
            pkg = self.resolve(name)
            if pkg is None:
                missing.append(name)
                continue
            if pkg in seen:
                continue
            seen.add(pkg)
            for alternatives in self.depends[pkg]:
                # apt takes the first alternative it can install.
                chosen = next((a for a in alternatives if self.resolve(a)), alternatives[0])
                todo.append(chosen)
        return seen, missing

    def files(self, pkg):
        if pkg not in self._files:
            paths = []
            for name in (f"{pkg}:{self.arch.get(pkg)}", pkg):
                path = f"/var/lib/dpkg/info/{name}.list"
                if os.path.exists(path):
                    paths = open(path, encoding="utf-8", errors="replace").read().split("\n")
                    break
            self._files[pkg] = [p for p in paths if p]
        return self._files[pkg]

    def owner(self, path):
        """The package that ships PATH, as dpkg -S says; None for no package."""
        if self._owner is None:
            self._owner = {}
            for pkg in self.depends:
                for f in self.files(pkg):
                    self._owner.setdefault(f, pkg)
        for candidate in (os.path.normpath(path), os.path.realpath(path)):
            if candidate in self._owner:
                return self._owner[candidate]
            # Merged /usr: dpkg may list /lib/... for /usr/lib/...
            if candidate.startswith("/usr/") and candidate[4:] in self._owner:
                return self._owner[candidate[4:]]
        return None


DPKG = None


def dpkg():
    global DPKG
    if DPKG is None:
        DPKG = Dpkg()
    return DPKG


# --- the image ----------------------------------------------------------------

class Image:
    """A root-less stand-in for a container image, in DIR:
    bin/        a link to each command of the image's packages
    pkgconfig/  a link to each .pc file of the image's packages
    root/       .deb files unpacked (root/usr/bin is on PATH too)
    state.json  the packages, and whether apt-get update ran
    """

    def __init__(self, directory):
        self.dir = directory
        self.state_file = os.path.join(directory, "state.json")
        self.state = json.load(open(self.state_file)) if os.path.exists(self.state_file) else None

    @classmethod
    def create(cls, directory, name):
        if name not in IMAGES:
            sys.exit(f"ci_pipeline: no description of the image {name}")
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        image = cls(directory)
        image.state = {"image": name, "requested": list(IMAGES[name]), "updated": False, "debs": []}
        image.refresh()
        return image

    def save(self):
        json.dump(self.state, open(self.state_file, "w"))

    def packages(self):
        return dpkg().closure(self.state["requested"])

    def refresh(self):
        """Rebuilds bin/ and pkgconfig/ from the packages."""
        pkgs, missing = self.packages()
        if missing:
            raise SystemExit(f"ci_pipeline: packages of the image not installed on this machine: "
                             f"{' '.join(sorted(missing))} (scripts/install-deps.sh installs them)")
        for sub in ("bin", "pkgconfig"):
            shutil.rmtree(os.path.join(self.dir, sub), ignore_errors=True)
            os.makedirs(os.path.join(self.dir, sub))
        owned = {}
        for pkg in sorted(pkgs):
            for f in dpkg().files(pkg):
                owned[f] = pkg
                d, base = os.path.split(f)
                if d in BIN_DIRS or d in PC_DIRS:
                    sub = "bin" if d in BIN_DIRS else "pkgconfig"
                    link = os.path.join(self.dir, sub, base)
                    if os.path.lexists(f) and not os.path.isdir(f) and not os.path.lexists(link):
                        os.symlink(f, link)
        # Alternatives (awk, cc, ...): the choice of highest priority among
        # those the image's packages ship.
        for alt in glob.glob("/var/lib/dpkg/alternatives/*"):
            lines = open(alt).read().split("\n")
            master, i, slaves = lines[1], 2, 0
            while i + 1 < len(lines) and lines[i]:
                i, slaves = i + 2, slaves + 1
            i += 1
            best = None
            while i + 1 < len(lines) and lines[i]:
                path, priority = lines[i], int(lines[i + 1] or 0)
                if path in owned and (best is None or priority > best[1]):
                    best = (path, priority)
                i += 2 + slaves
            if best and os.path.dirname(master) in BIN_DIRS:
                link = os.path.join(self.dir, "bin", os.path.basename(master))
                if not os.path.lexists(link):
                    os.symlink(best[0], link)
        # The package managers are this script's: never the machine's.
        for tool in ("apt-get", "apt", "dpkg"):
            link = os.path.join(self.dir, "bin", tool)
            if os.path.lexists(link):
                os.unlink(link)
            with open(link, "w") as f:
                f.write(f"#!{sys.executable}\nimport sys\nsys.dont_write_bytecode = True\n"
                        f"sys.path.insert(0, {HERE!r})\n"
                        f"import ci_pipeline\nci_pipeline.package_manager({self.dir!r}, {tool!r}, sys.argv[1:])\n")
            os.chmod(link, 0o755)
        self.save()

    def path(self):
        return f"{self.dir}/root/usr/bin:{self.dir}/bin"

    def env(self):
        """What the image's environment holds besides the CI's variables."""
        return {"PATH": self.path(), "PKG_CONFIG_LIBDIR": os.path.join(self.dir, "pkgconfig"),
                "GIT_CONFIG_NOSYSTEM": "1"}

    def map_paths(self, text):
        return text.replace(INSTALLED_PREFIX, f"{self.dir}/root{INSTALLED_PREFIX}")

    def install(self, args):
        pkgs = [a for a in args if not a.startswith("-")]
        if not self.state["updated"] and pkgs:
            print(f"E: Unable to locate package {pkgs[0]} (no package lists: run apt-get update first)",
                  file=sys.stderr)
            return 100
        for p in pkgs:
            if p.endswith(".deb"):
                if not os.path.isfile(p):
                    print(f"E: Unsupported file {p} given on commandline", file=sys.stderr)
                    return 100
                subprocess.run(["dpkg-deb", "-x", p, os.path.join(self.dir, "root")], check=True)
                depends = subprocess.run(["dpkg-deb", "-f", p, "Depends"], capture_output=True,
                                         text=True, check=True).stdout
                self.state["requested"] += [alts[0] for alts in Dpkg.parse(depends)]
                self.state["debs"].append(os.path.basename(p))
            elif dpkg().resolve(p):
                self.state["requested"].append(p)
            else:
                known = subprocess.run(["apt-cache", "show", p], capture_output=True).returncode == 0
                print(f"E: Unable to locate package {p}" if not known else
                      f"ci_pipeline: {p} is a Debian package but not installed on this machine, so the "
                      f"image cannot be simulated (scripts/install-deps.sh installs it)", file=sys.stderr)
                return 100
        self.refresh()
        return 0


def package_manager(image_dir, tool, args):
    image = Image(image_dir)
    if tool == "dpkg" or not args:
        print(f"ci_pipeline: {tool} {' '.join(args)}: not simulated", file=sys.stderr)
        sys.exit(2)
    if args[0] == "update":
        image.state["updated"] = True
        image.save()
        sys.exit(0)
    if args[0] == "install":
        sys.exit(image.install(args[1:]))
    print(f"ci_pipeline: {tool} {args[0]}: not simulated", file=sys.stderr)
    sys.exit(2)


def check_headers(image, build_dir, log):
    """Every header a TU of the build reads belongs to the image."""
    pkgs, _ = Image(image.dir).packages()  # as the job's apt-get left it
    problems = []
    db = json.load(open(os.path.join(build_dir, "compile_commands.json")))
    for entry in db:
        dep = subprocess.run(["clang-19", "-M", "-MF", "-"] + parse_args(entry), cwd=entry["directory"],
                             capture_output=True, text=True)
        if dep.returncode != 0:
            problems.append(f"{entry['file']}: clang-19 -M failed: {dep.stderr.strip()[:300]}")
            continue
        for path in dep.stdout.replace("\\\n", " ").split()[1:]:
            path = os.path.normpath(os.path.join(entry["directory"], path))
            if not path.startswith("/usr/"):
                continue
            owner = dpkg().owner(path)
            if owner not in pkgs:
                problems.append(f"{entry['file']} reads {path}, from {owner or 'no package'}, "
                                f"which the image does not have")
    for p in sorted(set(problems)):
        log.write(f"ci_pipeline: header check: {p}\n")
    return not problems


# --- running a job --------------------------------------------------------------

def run_script(commands, env, cwd, log, shell_flags, tmp, per_line=False):
    """Runs COMMANDS in one shell, as a runner does: each echoed, the first
    failure ends the job. PER_LINE (GitLab): a line fails as a whole, so
    that `a && b` stops the job when a fails, as GitLab's runner does."""
    script = "".join(f"echo {shlex.quote('$ ' + c)}\n" +
                     (f"eval {shlex.quote(c)}\n" if per_line else f"{c}\n") for c in commands)
    path = os.path.join(tmp, "script.sh")
    with open(path, "w") as f:
        f.write(f"set {shell_flags}\n{script}")
    log.flush()
    r = subprocess.run(["/bin/bash", path], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    return r.returncode


def git(*args, cwd=None, env=None, check=True):
    return subprocess.run(["git"] + list(args), cwd=cwd, env=env, check=check,
                          capture_output=True, text=True)


def clean_git_env(home):
    return {"PATH": os.environ["PATH"], "HOME": home, "GIT_CONFIG_NOSYSTEM": "1"}


def copy_paths(src_root, patterns, dst_root):
    for pattern in patterns:
        for src in glob.glob(os.path.join(src_root, pattern)):
            rel = os.path.relpath(src, src_root)
            dst = os.path.join(dst_root, rel)
            if os.path.isdir(src) and not os.path.islink(src):
                shutil.copytree(src, dst, symlinks=True, dirs_exist_ok=True)
            else:
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copy2(src, dst, follow_symlinks=False)


def merge(base, over):
    """GitLab's extends: hashes merge key by key, anything else is replaced."""
    out = dict(base)
    for k, v in over.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def expand(value, env):
    """$VAR and ${VAR} as GitLab expands them in variables and cache keys."""
    return re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m.group(1), ""), str(value))


# --- GitLab -------------------------------------------------------------------

def gitlab_rule_matches(expr, env):
    for term in expr.split("&&"):
        term = term.strip()
        m = re.fullmatch(r'\$(\w+)\s*(==|!=)\s*"([^"]*)"', term)
        if m:
            equal = env.get(m.group(1), "") == m.group(3)
            if equal != (m.group(2) == "=="):
                return False
        elif re.fullmatch(r"\$\w+", term):
            if not env.get(term[1:]):
                return False
        else:
            raise SystemExit(f"ci_pipeline: rule not understood: {expr}")
    return True


def gitlab_jobs(doc, env):
    """The jobs of a pipeline, resolved (extends) and kept by their rules."""
    def resolve(name, seen=()):
        job = doc[name]
        parents = job.get("extends", [])
        out = {}
        for parent in [parents] if isinstance(parents, str) else parents:
            out = merge(out, resolve(parent, seen + (name,)))
        return merge(out, {k: v for k, v in job.items() if k != "extends"})

    jobs = {}
    for name, job in doc.items():
        if name.startswith(".") or name in ("variables", "stages", "workflow", "include", "default") \
                or not isinstance(job, dict):
            continue
        job = resolve(name)
        when = "on_success"
        if "rules" in job:
            when = "never"
            for rule in job["rules"]:
                if "if" not in rule or gitlab_rule_matches(rule["if"], env):
                    when = rule.get("when", "on_success")
                    break
        if when != "never":
            jobs[name] = job
    return jobs


def gitlab(args):
    doc = yaml.safe_load(open(args.recipe))
    work = os.path.abspath(args.work)
    project = os.path.join(work, "builds", "group", "project")
    artifacts = os.path.join(work, "artifacts")
    caches = os.path.abspath(args.cache_store)
    os.makedirs(artifacts, exist_ok=True)
    predefined = {
        "CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": project, "CI_BUILDS_DIR": os.path.join(work, "builds"),
        "CI_PROJECT_PATH": "group/project", "CI_COMMIT_SHA": args.sha, "CI_PIPELINE_SOURCE": args.event,
        "CI_REPOSITORY_URL": args.origin, "CI_DEFAULT_BRANCH": "main", "HOME": "/root",
    }
    if args.event == "merge_request_event":
        predefined.update({"CI_MERGE_REQUEST_IID": args.iid, "CI_MERGE_REQUEST_DIFF_BASE_SHA": args.base,
                           "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
                           "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": args.branch})
        refspec = f"+refs/merge-requests/{args.iid}/head:refs/remotes/origin/merge-requests/{args.iid}/head"
    else:
        predefined.update({"CI_COMMIT_BRANCH": args.branch, "CI_COMMIT_REF_NAME": args.branch})
        if args.open_merge_requests:
            predefined["CI_OPEN_MERGE_REQUESTS"] = f"group/project!{args.iid}"
        refspec = f"+refs/heads/{args.branch}:refs/remotes/origin/{args.branch}"
    project_vars = dict(v.split("=", 1) for v in args.var)
    global_vars = {k: str(v) for k, v in (doc.get("variables") or {}).items()}
    rule_env = {**predefined, **global_vars, **project_vars}
    jobs = gitlab_jobs(doc, rule_env)

    # Every instance of a parallel job, in stage order.
    stages = doc.get("stages", ["build", "test", "deploy"])
    runs = []
    for name, job in sorted(jobs.items(), key=lambda j: stages.index(j[1].get("stage", "test"))):
        n = int(job.get("parallel", 1))
        for k in range(1, n + 1):
            runs.append((f"{name} {k}/{n}" if n > 1 else name, name, job, k, n))
    status = {}
    summary = {"jobs": {}, "logs": {}}
    for run_name, name, job, k, n in runs:
        slug = run_name.replace(" ", "-").replace("/", "-")
        log_path = os.path.join(args.out, f"{slug}.log")
        summary["logs"][run_name] = log_path
        # A need is a job's name, or {job:, optional:}: a job its rules
        # left out of the pipeline is no need then.
        needs = [n["job"] if isinstance(n, dict) else n for n in job.get("needs", [])]
        need_runs = [r for r in runs if r[1] in needs]
        if any(status.get(r[0]) != "success" for r in need_runs):
            status[run_name] = "skipped"
            summary["jobs"][run_name] = "skipped"
            continue
        with open(log_path, "w") as log:
            if name in args.stand_in:
                # Not run here (it builds retcheck): its artifacts are given.
                log.write(f"ci_pipeline: {name} stood in for by {args.stand_in[name]}\n")
                dst = os.path.join(artifacts, slug)
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(args.stand_in[name], dst, symlinks=True)
                status[run_name] = "success"
                summary["jobs"][run_name] = "success"
                continue
            result = gitlab_job(job, run_name, k, n, predefined, global_vars, project_vars, refspec,
                                project, [artifacts + "/" + r[0].replace(" ", "-").replace("/", "-")
                                          for r in need_runs],
                                os.path.join(artifacts, slug), caches, work, log)
        status[run_name] = result
        summary["jobs"][run_name] = result
    summary["pipeline"] = "failed" if "failed" in status.values() else "passed"
    summary["artifacts"] = artifacts
    json.dump(summary, open(os.path.join(args.out, "pipeline.json"), "w"), indent=1)
    print(json.dumps({k: v for k, v in summary["jobs"].items()}))
    return 0


def gitlab_job(job, run_name, k, n, predefined, global_vars, project_vars, refspec, project,
               need_artifacts, my_artifacts, caches, work, log):
    env = dict(predefined)
    env.update({"CI_JOB_NAME": run_name, "CI_JOB_STAGE": job.get("stage", "test")})
    if n > 1:
        env.update({"CI_NODE_INDEX": str(k), "CI_NODE_TOTAL": str(n)})
    # Global, then job variables, then the project's (CI/CD settings) win;
    # each expanded against those before it.
    for source in (global_vars, {k2: str(v) for k2, v in (job.get("variables") or {}).items()}, project_vars):
        for key, value in source.items():
            env[key] = expand(value, env)
    jobroot = os.path.join(work, "jobs", run_name.replace(" ", "-").replace("/", "-"))
    shutil.rmtree(jobroot, ignore_errors=True)
    os.makedirs(jobroot)
    image = Image.create(os.path.join(jobroot, "image"), job.get("image", "debian:bookworm"))
    home = os.path.join(jobroot, "root")
    os.makedirs(home)
    env["HOME"] = home

    # The runner's checkout: a fresh clone of the pipeline's ref, GIT_DEPTH deep.
    shutil.rmtree(project, ignore_errors=True)
    os.makedirs(project)
    strategy = env.get("GIT_STRATEGY", "clone")
    if strategy != "none":
        genv = clean_git_env(home)
        depth = env.get("GIT_DEPTH", "20")  # GitLab's default for new projects
        fetch = ["fetch", "-q", "--prune", "origin", refspec]
        if depth not in ("", "0"):
            fetch[1:1] = ["--depth", depth]
        try:
            git("init", "-q", project, env=genv)
            git("remote", "add", "origin", env["CI_REPOSITORY_URL"], cwd=project, env=genv)
            git(*fetch, cwd=project, env=genv)
            git("checkout", "-f", "-q", env["CI_COMMIT_SHA"], cwd=project, env=genv)
        except subprocess.CalledProcessError as e:
            log.write(f"ci_pipeline: the checkout failed: {' '.join(e.cmd)}: {e.stderr}\n")
            return "failed"
        log.write(f"ci_pipeline: fetched {refspec} with depth {depth}\n")
    for src in need_artifacts:
        if os.path.isdir(src):
            shutil.copytree(src, project, symlinks=True, dirs_exist_ok=True)
    cache = job.get("cache")
    cache_dir = None
    if cache:
        cache_dir = os.path.join(caches, expand(cache.get("key", "default"), env))
        if os.path.isdir(cache_dir):
            shutil.copytree(cache_dir, project, symlinks=True, dirs_exist_ok=True)
            log.write(f"ci_pipeline: cache {os.path.basename(cache_dir)} restored\n")

    commands = [image.map_paths(c) for c in list(job.get("before_script", [])) + list(job.get("script", []))]
    job_env = dict(env, **image.env())
    rc = run_script(commands, job_env, project, log, "-eo pipefail", jobroot, per_line=True)
    result = "success" if rc == 0 else "failed"
    if rc == 0 and any(re.search(r"retcheck-ci.sh (shard|facts)", c) for c in commands):
        if not check_headers(image, os.path.join(project, env.get("RETCHECK_BUILD_DIR", "build")), log):
            result = "failed"
    log.write(f"ci_pipeline: job {run_name}: {result} (exit {rc})\n")

    art = job.get("artifacts") or {}
    if art and (result == "success" or art.get("when") == "always"):
        shutil.rmtree(my_artifacts, ignore_errors=True)
        os.makedirs(my_artifacts)
        copy_paths(project, art.get("paths", []), my_artifacts)
    if cache and result == "success":
        shutil.rmtree(cache_dir, ignore_errors=True)
        os.makedirs(cache_dir)
        copy_paths(project, cache.get("paths", []), cache_dir)
    return result


# --- GitHub -------------------------------------------------------------------

def github_expr(text, context):
    """${{ a.b.c }} and ${{ a.b || 'x' }}: what the workflows here use."""
    def value(expr):
        for alternative in expr.split("||"):
            alternative = alternative.strip()
            if re.fullmatch(r"'[^']*'", alternative):
                v = alternative[1:-1]
            else:
                v = context
                for part in alternative.split("."):
                    v = v.get(part) if isinstance(v, dict) else None
            if v:
                return str(v)
        return ""
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: value(m.group(1)), str(text))


def github(args):
    doc = yaml.safe_load(open(args.recipe))
    work = os.path.abspath(args.work)
    artifacts = os.path.join(work, "artifacts")
    os.makedirs(artifacts, exist_ok=True)
    for name, src in args.stand_in.items():
        shutil.rmtree(os.path.join(artifacts, name), ignore_errors=True)
        shutil.copytree(src, os.path.join(artifacts, name), symlinks=True)
    event = {}
    if args.event == "pull_request":
        event = {"pull_request": {"number": 1, "base": {"sha": args.base, "ref": "main"},
                                  "head": {"ref": args.branch}}}
    context = {"github": {"event_name": args.event, "sha": args.sha, "event": event},
               "vars": dict(v.split("=", 1) for v in args.var)}
    summary = {"jobs": {}, "logs": {}, "uploads": []}
    done = {}
    for name, job in doc["jobs"].items():
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        log_path = os.path.join(args.out, f"{name}.log")
        summary["logs"][name] = log_path
        if any(done.get(n) != "success" for n in needs):
            done[name] = "skipped"
        elif name in args.stand_in_jobs:
            done[name] = "success"
            open(log_path, "w").write(f"ci_pipeline: {name} stood in for\n")
        else:
            with open(log_path, "w") as log:
                done[name] = github_job(name, job, context, args, work, artifacts, summary, log)
        summary["jobs"][name] = done[name]
    summary["pipeline"] = "failed" if "failed" in done.values() else "passed"
    json.dump(summary, open(os.path.join(args.out, "pipeline.json"), "w"), indent=1)
    print(json.dumps(summary["jobs"]))
    return 0


def github_job(name, job, context, args, work, artifacts, summary, log):
    jobroot = os.path.join(work, "jobs", name)
    shutil.rmtree(jobroot, ignore_errors=True)
    os.makedirs(jobroot)
    container = job.get("container")
    image = Image.create(os.path.join(jobroot, "image"),
                         container if isinstance(container, str) else container["image"])
    workspace = os.path.join(jobroot, "__w", "project", "project")
    os.makedirs(workspace)
    home = os.path.join(jobroot, "github-home")
    os.makedirs(home)
    ref = "refs/pull/1/merge" if args.event == "pull_request" else f"refs/heads/{args.branch}"
    base_env = {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": workspace, "HOME": home,
                "GITHUB_SHA": args.sha, "GITHUB_REF": ref, "GITHUB_EVENT_NAME": args.event,
                "GITHUB_REPOSITORY": "owner/project", "GITHUB_JOB": name, "RUNNER_TEMP": jobroot}
    if args.event == "pull_request":
        base_env.update({"GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": args.branch})
    for key, value in (job.get("env") or {}).items():
        base_env[key] = github_expr(value, context)
    result = "success"
    for i, step in enumerate(job["steps"]):
        if result != "success" and "always()" not in str(step.get("if", "")):
            continue
        label = step.get("name") or step.get("uses") or step.get("run", "").split("\n")[0]
        log.write(f"ci_pipeline: step {i + 1}: {label}\n")
        log.flush()
        with_ = {k: github_expr(v, context) for k, v in (step.get("with") or {}).items()}
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            ok = github_checkout(image, workspace, ref, int(with_.get("fetch-depth", 1)), args.origin, home, log)
        elif uses.startswith("actions/download-artifact@"):
            src = os.path.join(artifacts, with_["name"])
            ok = os.path.isdir(src)
            if ok:
                shutil.copytree(src, os.path.join(workspace, with_.get("path", ".")), dirs_exist_ok=True)
        elif uses.startswith("actions/upload-artifact@"):
            ok = bool(glob.glob(os.path.join(workspace, with_["path"])))
        elif uses.startswith("github/codeql-action/upload-sarif@"):
            path = os.path.join(workspace, with_["sarif_file"])
            ok = os.path.isfile(path)
            if ok:
                kept = os.path.join(args.out, "uploaded.sarif")
                shutil.copy(path, kept)
                summary["uploads"].append(kept)
        elif "run" in step:
            env = dict(base_env)
            for key, value in (step.get("env") or {}).items():
                env[key] = github_expr(value, context)
            env.update(image.env())
            command = image.map_paths(github_expr(step["run"], context))
            # A run step: `bash -e {0}` when bash is in the image.
            ok = run_script([command], env, workspace, log, "-e", jobroot) == 0
            if ok and "retcheck-ci.sh shard" in command:
                ok = check_headers(image, os.path.join(workspace, "build"), log)
        else:
            raise SystemExit(f"ci_pipeline: step not understood: {step}")
        if not ok:
            result = "failed"
            log.write(f"ci_pipeline: step {i + 1} ({label}) failed\n")
    log.write(f"ci_pipeline: job {name}: {result}\n")
    return result


def github_checkout(image, workspace, ref, depth, origin, home, log):
    """actions/checkout: with git in the image, one commit (fetch-depth) of
    the event's ref, git trusting the directory only while it checks out;
    without git, the files of the commit and no .git. The workspace belongs
    to the runner's user (1001); the steps run as root."""
    genv = clean_git_env(os.path.join(home, "..", "checkout-home"))
    os.makedirs(genv["HOME"], exist_ok=True)
    if os.path.lexists(os.path.join(image.dir, "bin", "git")):
        git("init", "-q", workspace, env=genv)
        git("remote", "add", "origin", origin, cwd=workspace, env=genv)
        fetch = ["fetch", "-q", "--no-tags", "origin", f"+{ref}:refs/remotes/origin/checkout"]
        if depth:
            fetch[1:1] = [f"--depth={depth}"]
        git(*fetch, cwd=workspace, env=genv)
        git("checkout", "-q", "--detach", "refs/remotes/origin/checkout", cwd=workspace, env=genv)
        log.write(f"ci_pipeline: checked out {ref}, depth {depth}\n")
    else:
        log.write("ci_pipeline: no git in the image: the files are downloaded without .git\n")
        archive = subprocess.run(["git", "archive", "--remote", origin, ref], capture_output=True)
        if archive.returncode != 0:
            tmp = os.path.join(home, "..", "archive-clone")
            git("clone", "-q", "--bare", origin, tmp, env=genv)
            archive = subprocess.run(["git", "archive", ref], cwd=tmp, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", workspace], input=archive.stdout, check=True)
    if os.getuid() == 0:
        subprocess.run(["chown", "-R", "1001:1001", workspace], check=True)
    return True


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "apt-get":
        package_manager(sys.argv[2], "apt-get", sys.argv[3:])
    p = argparse.ArgumentParser()
    p.add_argument("system", choices=["gitlab", "github"])
    p.add_argument("recipe")
    p.add_argument("--origin", required=True, help="the repository's URL")
    p.add_argument("--sha", required=True, help="the commit the pipeline runs on")
    p.add_argument("--event", default="push")
    p.add_argument("--branch", default="main")
    p.add_argument("--base", default="", help="a merge request's base commit")
    p.add_argument("--iid", default="1", help="a merge request's number")
    p.add_argument("--open-merge-requests", action="store_true")
    p.add_argument("--var", action="append", default=[], help="KEY=VALUE: project variables")
    p.add_argument("--stand-in", action="append", default=[],
                   help="JOB=DIR (GitLab) or ARTIFACT=DIR (GitHub): a job not run, its artifacts")
    p.add_argument("--stand-in-job", action="append", default=[], help="GitHub: a job not run")
    p.add_argument("--work", required=True)
    p.add_argument("--cache-store", default="")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    args.stand_in = dict(s.split("=", 1) for s in args.stand_in)
    args.stand_in_jobs = set(args.stand_in_job)
    args.cache_store = args.cache_store or os.path.join(args.work, "caches")
    os.makedirs(args.out, exist_ok=True)
    return gitlab(args) if args.system == "gitlab" else github(args)


if __name__ == "__main__":
    sys.exit(main())
