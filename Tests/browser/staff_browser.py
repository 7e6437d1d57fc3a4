#!/usr/bin/env python3
"""Works a case in the staff workspace of reclam serve (/equipe/) in headless Chromium.

Keyboard and mouse only (the pages have no JavaScript): signs in with the fields found by
their labels, opens the agenda, follows the case's link, presses the button of a move, fills
its form and confirms, then reads the case's new stage. Takes screenshots of the agenda and
of the case page. Exits 0 when every step saw what it expected, 1 otherwise, with the reason
on standard error; prints the stage label shown at the end.

Usage: staff_browser.py BASE_URL SCREENSHOT_DIR USER PASSWORD CASE_ID
"""

import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def fail(message):
    print(f"staff_browser: {message}", file=sys.stderr)
    sys.exit(1)


def field_for_label(driver, text):
    """The control bound to the label whose text starts with `text` (labels are bound by for=)."""
    for label in driver.find_elements(By.TAG_NAME, "label"):
        if label.text.strip().startswith(text):
            target = label.get_attribute("for")
            if not target:
                fail(f"label '{text}' is bound to no field")
            return driver.find_element(By.ID, target)
    fail(f"no label '{text}' on {driver.current_url}")


def wait_for(driver, predicate):
    """A click may return before the browser has followed a redirect on a busy machine."""
    for _ in range(300):
        if predicate(driver):
            return True
        time.sleep(0.1)
    return predicate(driver)


def full_page_screenshot(driver, path, width=1100):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 600), 4000))
    chrome = driver.get_window_size()["height"] - driver.execute_script("return window.innerHeight")
    driver.set_window_size(width, min(max(height, 600), 4000) + chrome)
    driver.save_screenshot(path)


def main():
    if len(sys.argv) != 6:
        fail("usage: staff_browser.py BASE_URL SCREENSHOT_DIR USER PASSWORD CASE_ID")
    base, shots, user, password, case_id = sys.argv[1:6]
    os.makedirs(shots, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=fr-FR",
                     "--window-size=1100,900", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    try:
        driver.get(base + "/equipe")
        if "Connexion" not in driver.title:
            fail(f"not sent to the sign-in page: {driver.title}")
        field_for_label(driver, "Identifiant").send_keys(user)
        # The password is typed, then sent with the Enter key, as a person would.
        field_for_label(driver, "Mot de passe").send_keys(password + Keys.ENTER)
        if not wait_for(driver, lambda d: "Aujourd'hui" in d.title):
            fail(f"signing in did not open the agenda: {driver.title}")
        if case_id not in driver.page_source:
            fail("the agenda does not list the case")
        full_page_screenshot(driver, os.path.join(shots, "staff-agenda.png"))

        driver.find_element(By.LINK_TEXT, case_id).click()
        if not wait_for(driver, lambda d: d.title.startswith(case_id)):
            fail(f"the case's link opened {driver.title}")
        full_page_screenshot(driver, os.path.join(shots, "staff-case.png"))

        buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "ul.verbs button") if b.text.startswith("Attribuer")]
        if not buttons:
            fail("no 'Attribuer' (assign) button on the case page")
        buttons[0].click()
        wait_for(driver, lambda d: "/agir/" in d.current_url)
        owner = field_for_label(driver, "owner")
        owner.clear()
        owner.send_keys(user)
        field_for_label(driver, "Note pour le journal").send_keys("Pris en charge depuis le navigateur.")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        if not wait_for(driver, lambda d: d.title.startswith(case_id)):
            fail(f"confirming the move did not lead back to the case: {driver.title}")
        for row in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=fields] tr"):
            cells = row.find_elements(By.TAG_NAME, "td")
            if len(cells) == 2 and cells[0].text == "stage":
                print(cells[1].text)
                return
        fail("the case page shows no stage")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
