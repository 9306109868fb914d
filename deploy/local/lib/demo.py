#!/usr/bin/env python3
"""Loads the demo data of deploy/demo through the services' APIs (used by platform.sh), as the demo people.

  demo.py tree <demo dir> <accounts API>           the org tree (org-tree.json), parents first
  demo.py reports <demo dir> <accounts API>        reports, then their workflow steps (submit, approve)
  demo.py performance <demo dir> <performance API> project funds with spending, and fund statistics
  demo.py year <year dir> <accounts API> [--dry-run]
                                                   opens a year from a bureau's files (docs/years.md): shows the
                                                   dry run against the year before, then opens it as
                                                   platform-operator unless --dry-run or it has problems

Every call carries the bearer token of the person who would make it (the realm's demo people,
deploy/local/keycloak/final-accounts-realm.json): platform-operator registers the root 431200 (a root is the
platform's, no admin may make one), city-admin builds the rest of the tree and writes the fund statistics,
ylgs-filler saves and submits its unit's report and keeps its projects and spending (sbzx-filler and gszx-filler
those of the seed unit's two predecessors in the 2022 demonstration), rsj-reviewer approves.
Tokens come from the password grant of the public client final-accounts-cli at FA_KEYCLOAK_ISSUER, password
FA_TOKEN_PASSWORD (platform.sh sets both; demo only).

Every step starts from the state the data is in, so a second run changes nothing.
"""
import glob, json, os, sys, time, urllib.error, urllib.parse, urllib.request

ISSUER = os.environ.get("FA_KEYCLOAK_ISSUER", "http://127.0.0.1:8180/realms/final-accounts")
PASSWORD = os.environ.get("FA_TOKEN_PASSWORD", "demo-password")

# Who does what in the demo; the people, their roles and org nodes are the realm file's.
ADMIN = "city-admin"          # admin at 431200: the tree under it, fund statistics
OPERATOR = "platform-operator"  # operator (运维), no org_node: the roots of the tree
REVIEWER = "rsj-reviewer"     # reviewer at HH-RSJ: approves its units' reports
# filler of each unit: its report, projects and spending (the 2022 ones: the demonstration's predecessors)
FILLERS = {"HH-RSJ-YLGS": "ylgs-filler", "HH-RSJ-SBZX": "sbzx-filler", "HH-RSJ-GSZX": "gszx-filler"}


def filler_of(unit):
    if unit not in FILLERS:
        sys.stderr.write("no demo filler for unit %s: add one to FILLERS in deploy/local/lib/demo.py"
                         " and to the realm file\n" % unit)
        sys.exit(1)
    return FILLERS[unit]


# A token is fetched again when older than 10 minutes (the realm's tokens live 15).
TOKEN_MAX_AGE = 600
_tokens = {}


def token(user):
    held = _tokens.get(user)
    if held and time.monotonic() - held[1] < TOKEN_MAX_AGE:
        return held[0]
    form = urllib.parse.urlencode({"grant_type": "password", "client_id": "final-accounts-cli",
                                   "username": user, "password": PASSWORD}).encode("ascii")
    url = ISSUER + "/protocol/openid-connect/token"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=form, method="POST"), timeout=30) as r:
            value = json.load(r)["access_token"]
    except urllib.error.HTTPError as e:
        sys.stderr.write("no token for %s: %s answered %s %s\n" % (user, url, e.code, e.read().decode("utf-8", "replace")))
        sys.exit(1)
    except urllib.error.URLError as e:
        sys.stderr.write("no token for %s: %s does not answer (%s); is Keycloak running"
                         " (deploy/local/platform.sh keycloak-up)?\n" % (user, url, e.reason))
        sys.exit(1)
    _tokens[user] = (value, time.monotonic())
    return value


def call(who, method, url, body=None):
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + token(who)})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def step(who, label, method, url, body):
    code, answer = call(who, method, url, body)
    print("  %-28s %-4s %-60s %-3s as %s" % (label, method, url.replace("http://127.0.0.1:", ""), code, who))
    if code not in (200, 201):
        sys.stderr.write(str(answer) + "\n")
        sys.exit(1)
    return answer


def await_known(who, api, code):
    for _ in range(120):
        status = call(who, "GET", "%s/units/%s" % (api, code))[0]
        if status == 200:
            return
        if status in (401, 403):
            sys.stderr.write("performance-service refused %s reading %s: %s\n" % (who, code, status))
            sys.exit(1)
        time.sleep(0.5)
    sys.stderr.write("performance-service does not know %s after 60 s (is the tree loaded?)\n" % code)
    sys.exit(1)


def tree(demo, api):
    """The nodes of org-tree.json, parents first, then each year's changes (years/<year>/tree.json). A node's
    "fromYear" is the first year it is in the tree, "removedFrom" the first year it is out of it
    (docs/years.md#the-tree-by-year); "predecessors" names the units a unit was formed from."""
    with open(os.path.join(demo, "org-tree.json"), encoding="utf-8") as f:
        nodes(json.load(f), api)
    for path in sorted(glob.glob(os.path.join(demo, "years", "*", "tree.json"))):
        with open(path, encoding="utf-8") as f:
            changes = json.load(f)
        nodes(changes.get("nodes", []), api)
        for unit, predecessors in sorted(changes.get("predecessors", {}).items()):
            step(ADMIN, "predecessors of %s" % unit, "PUT", "%s/units/%s/predecessors" % (api, unit),
                 {"predecessors": predecessors})


def nodes(entries, api):
    for e in entries:
        body = {k: e[k] for k in ("name", "kind", "parent", "unitType", "fromYear") if e.get(k) is not None}
        # A node without parent is a root: only the operator registers one.
        who = OPERATOR if e.get("parent") is None else ADMIN
        step(who, "unit %s" % e["code"], "PUT", "%s/units/%s" % (api, e["code"]), body)
        if e.get("removedFrom") is not None:
            step(who, "unit %s out from %s" % (e["code"], e["removedFrom"]), "DELETE",
                 "%s/units/%s?fromYear=%s" % (api, e["code"], e["removedFrom"]), None)


def reports(demo, api):
    for path in sorted(glob.glob(os.path.join(demo, "reports", "*", "*.json"))):
        year, unit = os.path.basename(os.path.dirname(path)), os.path.basename(path)[:-5]
        url = "%s/units/%s/reports/%s" % (api, unit, year)
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        filler = filler_of(unit)
        code, current = call(filler, "GET", url)
        if code in (401, 403):
            sys.stderr.write("accounts-service refused %s reading %s: %s %s\n" % (filler, url, code, current))
            sys.exit(1)
        state = current["state"] if code == 200 else None
        if state in (None, "draft", "returned"):
            state = step(filler, "report %s %s" % (unit, year), "PUT", url, report)["state"]
        flow_path = os.path.join(demo, "workflow", year, unit + ".json")
        flow = json.load(open(flow_path, encoding="utf-8")) if os.path.exists(flow_path) else {}
        if state in ("draft", "returned") and "submit" in flow:
            state = step(filler, "submit %s %s" % (unit, year), "POST", url + "/submit", flow["submit"])["state"]
        if state == "submitted" and "approve" in flow:
            state = step(REVIEWER, "approve %s %s" % (unit, year), "POST", url + "/approve", flow["approve"])["state"]
        print("  %-28s %s" % ("report %s %s is" % (unit, year), state))


def performance(demo, api):
    for path in sorted(glob.glob(os.path.join(demo, "projects", "*", "*.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        unit, year = doc["unit"], doc["year"]
        filler = filler_of(unit)
        await_known(filler, api, unit)
        for p in doc["projects"]:
            url = "%s/units/%s/projects/%s/%s" % (api, unit, year, p["code"])
            body = {k: v for k, v in p.items() if k not in ("code", "spending")}
            project = step(filler, "project %s %s" % (unit, p["code"]), "PUT", url, body)
            if not project.get("spending"):
                for s in p.get("spending", []):
                    step(filler, "spending %s %s" % (unit, p["code"]), "POST", url + "/spending", s)

    for path in sorted(glob.glob(os.path.join(demo, "funds", "*", "*.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        region, year = doc["region"], doc["year"]
        await_known(ADMIN, api, region)
        for fund, levels in doc["funds"].items():
            for level in levels:
                step(ADMIN, "fund %s %s" % (fund, level["level"]), "PUT",
                     "%s/funds/%s/%s/%s" % (api, year, region, fund), level)


# The files a year may be given (docs/years.md): the lists and their mappings by classification, the rest by name.
YEAR_LISTS = ("functional", "economic")
YEAR_OTHERS = ("templates.json", "audit-rules.json", "named-figures.json", "narrative-rules.json")


def year_files(folder):
    def text(name):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            return None
        with open(path, encoding="utf-8-sig") as f:
            return f.read()
    body = {"lists": {}, "mappings": {}, "files": {}}
    for c in YEAR_LISTS:
        if text(c + ".csv") is not None:
            body["lists"][c] = text(c + ".csv")
        if text(c + "-mapping.csv") is not None:
            body["mappings"][c] = text(c + "-mapping.csv")
    for name in YEAR_OTHERS:
        if text(name) is not None:
            body["files"][name] = text(name)
    return body


def print_plan(plan):
    print("%s %s %s: %s" % (plan["year"], "after" if plan["previousYear"] < plan["year"] else "before",
                            plan["previousYear"], "opens" if plan["opens"] else "does NOT open"))
    if plan["inherited"]:
        print("  inherited from %s: %s" % (plan["previousYear"], ", ".join(plan["inherited"])))
    for c, ch in plan["changes"].items():
        print("  %s: %d added, %d discontinued, %d renamed, %d mapped, %d moved" % (
            c, len(ch["added"]), len(ch["discontinued"]), len(ch["renamed"]), len(ch["mapped"]), len(ch["moved"])))
        for s in ch["added"]:
            print("    added        %s %s (%s)" % (s["code"], s["name"], s["level"]))
        for s in ch["discontinued"]:
            print("    discontinued %s %s (%s)" % (s["code"], s["name"], s["level"]))
        for r in ch["renamed"]:
            print("    renamed      %s %s -> %s" % (r["code"], r["before"], r["after"]))
        for m in ch["mapped"]:
            print("    %-12s %s -> %s" % (m["kind"].lower(), m["before"], m["after"]))
        for m in ch["moved"]:
            print("    moved        %s -> %s %s" % (m["before"], m["after"], m["name"]))
    for p in plan["problems"]:
        where = p["file"] + (" line %d" % p["line"] if p.get("line") else "") + (
            " (%s)" % p["column"] if p.get("column") else "")
        print("  problem: %s: %s" % (where, p["reason"]))


def year(folder, api, *flags):
    folder = folder.rstrip("/")
    number = os.path.basename(folder)
    if not number.isdigit():
        sys.stderr.write("the year's folder is named for the year (deploy/demo/years/2024), not %s\n" % folder)
        sys.exit(1)
    body = year_files(folder)
    code, known = call(OPERATOR, "GET", "%s/years/%s" % (api, number))
    if code == 200:
        print("%s is open already (%s, files %s)" % (number, known["source"], known["contentDigest"]))
        if "--dry-run" in flags:
            return
    else:
        code, plan = call(OPERATOR, "POST", "%s/years/%s/dry-run" % (api, number), body)
        if code != 200:
            sys.stderr.write("the dry run of %s answered %s: %s\n" % (number, code, plan))
            sys.exit(1)
        print_plan(plan)
        if not plan["opens"]:
            sys.exit(1)
        if "--dry-run" in flags:
            return
    answer = step(OPERATOR, "open year " + number, "PUT", "%s/years/%s" % (api, number), body)
    print("  %s %s (files %s)" % (number, "opened" if answer["opened"] else "was open with these files already",
                                 answer["contentDigest"]))


if __name__ == "__main__":
    {"tree": tree, "reports": reports, "performance": performance, "year": year}[sys.argv[1]](*sys.argv[2:])
