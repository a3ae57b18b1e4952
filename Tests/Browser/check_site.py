#!/usr/bin/env python3
"""Opens every page of a built site from file:// in headless Chromium, as a reader would, and fails
on what a reader would trip over: axe-core violations, console errors, pages wider than the
viewport, visible hashes, SVG text outside its plot, notebooks nbformat rejects, keyboard focus
that is not visible, and printouts that end on a page holding only the footer.

Usage: check_site.py [OUTPUT] [--screenshots DIR] [--jobs N]
Needs: Debian chromium + chromium-driver (+ poppler-utils for the print check); PyPI selenium,
nbformat and the axe-core 4.12 build shipped in the axe-playwright-python 0.1.8 wheel.
"""
import argparse
import concurrent.futures
import glob
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import base64

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_EXTRA_RULES = ["heading-order", "landmark-unique"]
VIEWPORTS = [("desktop-light", 1280, 900, "light"), ("phone-dark", 390, 844, "dark")]
HEX_RUN = re.compile(r"[0-9a-f]{12,}")


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("axe-playwright-python (for its axe.min.js) is not installed")
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def make_driver(width, height, scheme):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--allow-file-access-from-files", "--hide-scrollbars", "--force-device-scale-factor=1",
                 f"--window-size={width},{height}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    return driver


PAGE_PROBE = r"""
const problems = [];
const doc = document.documentElement;
if (doc.scrollWidth > window.innerWidth + 1) {
  problems.push(`page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
}
const text = document.body ? document.body.innerText : "";
const hex = text.match(/[0-9a-f]{12,}/g);
if (hex) problems.push(`visible run of hex characters: ${hex.slice(0, 3).join(", ")}`);
for (const svg of document.querySelectorAll("svg")) {
  const box = svg.getBoundingClientRect();
  if (box.width === 0) continue;
  for (const t of svg.querySelectorAll("text")) {
    const r = t.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
      problems.push(`SVG text outside its plot: "${t.textContent.slice(0, 40)}"`);
    }
    const size = parseFloat(getComputedStyle(t).fontSize) * (box.width / (svg.viewBox.baseVal && svg.viewBox.baseVal.width || box.width));
    if (window.innerWidth < 600 && size < 11) {
      problems.push(`SVG text "${t.textContent.slice(0, 30)}" renders at ${size.toFixed(1)}px (< 11px)`);
    }
  }
}
return problems;
"""


def check_page(driver, axe, url, shot):
    problems = []
    driver.get_log("browser")  # drop what an earlier page left
    driver.get(url)
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE":
            problems.append(f"console error: {entry.get('message')}")
    problems += driver.execute_script(PAGE_PROBE)
    driver.execute_script(axe)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, rules: arguments[1], resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        AXE_TAGS, {rule: {"enabled": True} for rule in AXE_EXTRA_RULES})
    for violation in result:
        problems.append(f"axe {violation['id']}: {violation['help']} ({'; '.join(violation['nodes'])})")
    if shot:
        os.makedirs(os.path.dirname(shot), exist_ok=True)
        height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
        width = driver.execute_script("return window.innerWidth")
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
        driver.save_screenshot(shot)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 900 if width > 600 else 844, "deviceScaleFactor": 1,
                                "mobile": width < 600})
    return problems


def check_viewport(viewport, pages, output, screenshots, axe):
    name, width, height, scheme = viewport
    driver = make_driver(width, height, scheme)
    failures = []
    try:
        for page in pages:
            url = "file://" + os.path.abspath(os.path.join(output, page))
            shot = None
            if screenshots and (page.count("/") <= 1 or "notebooks/" in page or page.startswith(("days/", "talks/a", "talks/i"))):
                shot = os.path.join(screenshots, name, page.replace("/", "__").replace(".html", ".png"))
            for problem in check_page(driver, axe, url, shot):
                failures.append(f"{page} [{name}]: {problem}")
    finally:
        driver.quit()
    return failures


def check_keyboard(output):
    """Tabs through the home page and a talk page: the skip link comes first and focus is visible."""
    failures = []
    driver = make_driver(1280, 900, "light")
    try:
        talks = sorted(glob.glob(os.path.join(output, "talks", "*", "index.html")))
        for page in [os.path.join(output, "index.html")] + talks[:1]:
            driver.get("file://" + os.path.abspath(page))
            body = driver.find_element(By.TAG_NAME, "body")
            body.send_keys(Keys.TAB)
            first = driver.switch_to.active_element
            href = first.get_attribute("href") or ""
            if "#" not in href or "skip" not in (first.get_attribute("class") or "") + first.text.lower():
                failures.append(f"{os.path.relpath(page, output)}: first Tab stop is not the skip link ({first.text!r})")
            for step in range(40):
                element = driver.switch_to.active_element
                if element.tag_name == "body":
                    break  # past the last stop: focus left the page, which is where Tab ends
                visible = driver.execute_script(
                    "const e = arguments[0]; const s = getComputedStyle(e);"
                    "return e.matches(':focus-visible') && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)"
                    " || s.boxShadow !== 'none' || s.textDecorationLine !== 'none');", element)
                if not visible:
                    failures.append(f"{os.path.relpath(page, output)}: focus not visible on Tab stop {step + 1} "
                                    f"({element.tag_name} {element.text[:40]!r})")
                    break
                element.send_keys(Keys.TAB)
    finally:
        driver.quit()
    return failures


def check_print(output):
    """Prints a day and a talk page to PDF: no page may hold only the footer."""
    failures = []
    if not shutil_which("pdftotext"):
        return ["pdftotext (Debian poppler-utils) is missing: cannot check printouts"]
    driver = make_driver(1280, 900, "light")
    try:
        days = sorted(glob.glob(os.path.join(output, "days", "*", "index.html")))
        talks = sorted(glob.glob(os.path.join(output, "talks", "*", "index.html")))
        notebooks = sorted(glob.glob(os.path.join(output, "notebooks", "*", "index.html")))
        for page in days[1:2] + talks[:1] + notebooks[:1]:
            driver.get("file://" + os.path.abspath(page))
            footer = driver.execute_script(
                "const f = document.querySelector('footer'); return f ? f.innerText : '';").split()
            pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
            with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
                handle.write(base64.b64decode(pdf["data"]))
                handle.flush()
                text = subprocess.run(["pdftotext", "-layout", handle.name, "-"], capture_output=True,
                                      text=True, check=True).stdout
            for number, sheet in enumerate(text.split("\f")[:-1] if text.endswith("\f") else text.split("\f"), 1):
                words = [w for w in sheet.split() if not re.fullmatch(r"\d+/\d+|file:.*|\d{1,2}/\d{1,2}/\d{2,4},?|\d{1,2}:\d{2}(\s?[AP]M)?", w)]
                if words and footer and set(words) <= set(footer):
                    failures.append(f"{os.path.relpath(page, output)}: printed page {number} holds only the footer")
    finally:
        driver.quit()
    return failures


def shutil_which(name):
    from shutil import which
    return which(name)


def check_notebooks(output):
    failures = []
    try:
        import nbformat
    except ImportError:
        return ["nbformat is not installed: cannot validate .ipynb files"]
    for path in sorted(glob.glob(os.path.join(output, "**", "*.ipynb"), recursive=True)):
        try:
            notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            nbformat.validate(notebook)
        except Exception as error:  # nbformat raises several kinds; every one is a failure here
            failures.append(f"{os.path.relpath(path, output)}: nbformat rejects it: {error}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="Output")
    parser.add_argument("--screenshots", default=os.environ.get("BROWSER_SCREENSHOTS", ".build/browser-screenshots"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", help="check only pages whose path contains this text")
    args = parser.parse_args()
    pages = sorted(os.path.relpath(p, args.output)
                   for p in glob.glob(os.path.join(args.output, "**", "*.html"), recursive=True))
    if args.only:
        pages = [p for p in pages if args.only in p]
    if not pages:
        sys.exit(f"no pages in {args.output}")
    axe = axe_source()
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        jobs = [pool.submit(check_viewport, viewport, pages, args.output, args.screenshots, axe) for viewport in VIEWPORTS]
        jobs.append(pool.submit(check_keyboard, args.output))
        jobs.append(pool.submit(check_print, args.output))
        jobs.append(pool.submit(check_notebooks, args.output))
        for job in jobs:
            failures += job.result()
    for failure in failures:
        print(failure)
    print(f"browser check: {len(pages)} pages at {len(VIEWPORTS)} viewports, {len(failures)} problems; "
          f"screenshots in {args.screenshots}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
