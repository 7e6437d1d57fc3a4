"""What the browser tests share: headless Chromium through Selenium, fields found by their
labels, bounded waits, full-page screenshots, and failing with a reason.

Imported by serve_browser.py and staff_browser.py (Python puts a script's own folder on its
import path). Debian's chromium and chromium-driver, selenium from PyPI; CHROMIUM and
CHROMEDRIVER override their paths.
"""

import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def failer(name):
    """A `fail(message)` for the script `name`: the reason on standard error, exit status 1."""
    def fail(message):
        print(f"{name}: {message}", file=sys.stderr)
        sys.exit(1)
    return fail


def chromium(width, height=900):
    """Headless Chromium in French, at a fixed size and scale, so screenshots are stable."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=fr-FR",
                     f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


def field_for_label(driver, text, fail):
    """The control bound to the label whose text starts with `text` (labels are bound by for=)."""
    for label in driver.find_elements(By.TAG_NAME, "label"):
        if label.text.strip().startswith(text):
            target = label.get_attribute("for")
            if not target:
                fail(f"label '{text}' is bound to no field")
            return driver.find_element(By.ID, target)
    fail(f"no label '{text}' on {driver.current_url}")


def wait_for(driver, predicate, seconds=30):
    """A click may return before the browser has followed a redirect on a busy machine:
    waits (bounded) until `predicate(driver)` holds, and says whether it does."""
    for _ in range(int(seconds * 10)):
        try:
            if predicate(driver):
                return True
        except Exception:
            pass
        time.sleep(0.1)
    try:
        return bool(predicate(driver))
    except Exception:
        return False


def full_page_screenshot(driver, path, width):
    """The whole page, however long (up to 4000 pixels), at `width`."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 600), 4000))
    # The window's height includes what is not the page: add the difference once known.
    chrome = driver.get_window_size()["height"] - driver.execute_script("return window.innerHeight")
    driver.set_window_size(width, min(max(height, 600), 4000) + chrome)
    driver.save_screenshot(path)
