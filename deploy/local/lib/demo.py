#!/usr/bin/env python3
"""Loads the demo data of deploy/demo through the services' APIs (used by platform.sh).

  demo.py reports <demo dir> <accounts API>        reports, then their workflow steps (submit, approve)
  demo.py performance <demo dir> <performance API> project funds with spending, and fund statistics

Every step starts from the state the data is in, so a second run changes nothing.
"""
import glob, json, os, sys, time, urllib.error, urllib.request


def call(method, url, body=None):
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def step(label, method, url, body):
    code, answer = call(method, url, body)
    print("  %-28s %-4s %-60s %s" % (label, method, url.replace("http://127.0.0.1:", ""), code))
    if code not in (200, 201):
        sys.stderr.write(str(answer) + "\n")
        sys.exit(1)
    return answer


def await_known(api, code):
    for _ in range(120):
        if call("GET", "%s/units/%s" % (api, code))[0] == 200:
            return
        time.sleep(0.5)
    sys.stderr.write("performance-service does not know %s after 60 s (is the tree loaded?)\n" % code)
    sys.exit(1)


def reports(demo, api):
    for path in sorted(glob.glob(os.path.join(demo, "reports", "*", "*.json"))):
        year, unit = os.path.basename(os.path.dirname(path)), os.path.basename(path)[:-5]
        url = "%s/units/%s/reports/%s" % (api, unit, year)
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        code, current = call("GET", url)
        state = current["state"] if code == 200 else None
        if state in (None, "draft", "returned"):
            state = step("report %s %s" % (unit, year), "PUT", url, report)["state"]
        flow_path = os.path.join(demo, "workflow", year, unit + ".json")
        flow = json.load(open(flow_path, encoding="utf-8")) if os.path.exists(flow_path) else {}
        if state in ("draft", "returned") and "submit" in flow:
            state = step("submit %s %s" % (unit, year), "POST", url + "/submit", flow["submit"])["state"]
        if state == "submitted" and "approve" in flow:
            state = step("approve %s %s" % (unit, year), "POST", url + "/approve", flow["approve"])["state"]
        print("  %-28s %s" % ("report %s %s is" % (unit, year), state))


def performance(demo, api):
    for path in sorted(glob.glob(os.path.join(demo, "projects", "*", "*.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        unit, year = doc["unit"], doc["year"]
        await_known(api, unit)
        for p in doc["projects"]:
            url = "%s/units/%s/projects/%s/%s" % (api, unit, year, p["code"])
            body = {k: v for k, v in p.items() if k not in ("code", "spending")}
            project = step("project %s %s" % (unit, p["code"]), "PUT", url, body)
            if not project.get("spending"):
                for s in p.get("spending", []):
                    step("spending %s %s" % (unit, p["code"]), "POST", url + "/spending", s)

    for path in sorted(glob.glob(os.path.join(demo, "funds", "*", "*.json"))):
        doc = json.load(open(path, encoding="utf-8"))
        region, year = doc["region"], doc["year"]
        await_known(api, region)
        for fund, levels in doc["funds"].items():
            for level in levels:
                step("fund %s %s" % (fund, level["level"]), "PUT", "%s/funds/%s/%s/%s" % (api, year, region, fund), level)


if __name__ == "__main__":
    {"reports": reports, "performance": performance}[sys.argv[1]](sys.argv[2], sys.argv[3])
