#!/usr/bin/env python3
"""Fills and sends the reclam serve form in headless Chromium, as a person would.

Keyboard and mouse only (the pages have no JavaScript of their own): types into each field
found by its label, ticks the consent box, attaches a file, sends, lands on the receipt,
follows the private status link. Takes a screenshot of each page. Exits 0 when every step
saw what it expected, 1 otherwise, with the reason on standard error.

Usage: serve_browser.py BASE_URL SCREENSHOT_DIR ATTACHMENT
"""

import os
import sys

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import chromium, failer, wait_for
from browser_support import field_for_label as find_field
from browser_support import full_page_screenshot as screenshot

fail = failer("serve_browser")


def arrived(driver, path, seconds=60):
    """A click returns before the next page is there: wait (bounded) for its address."""
    return wait_for(driver, lambda d: path in d.current_url, seconds)


def field_for_label(driver, text):
    return find_field(driver, text, fail)


def full_page_screenshot(driver, path):
    screenshot(driver, path, 420)


def main():
    if len(sys.argv) != 4:
        fail("usage: serve_browser.py BASE_URL SCREENSHOT_DIR ATTACHMENT")
    base, shots, attachment = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(shots, exist_ok=True)
    driver = chromium(420)
    try:
        driver.get(base + "/")
        if "Déposer une réclamation" not in driver.title:
            fail(f"unexpected form title: {driver.title}")
        full_page_screenshot(driver, os.path.join(shots, "serve-form.png"))
        driver.set_window_size(420, 900)

        # A first try without the consent box: the form comes back with the text kept.
        field_for_label(driver, "Nom et prénom").send_keys("Jeanne Dupont")
        field_for_label(driver, "Adresse électronique").send_keys("jeanne.dupont@example.org")
        field_for_label(driver, "Que s'est-il passé").send_keys(
            "La salle B12 n'était pas chauffée lundi matin.\nNous avions froid toute la journée.")
        field_for_label(driver, "Que demandez-vous").send_keys("Un rattrapage de la journée.")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(driver, lambda d: d.find_elements(By.ID, "consent-error"), 60)
        errors = driver.find_elements(By.ID, "consent-error")
        if not errors or "Cochez cette case" not in errors[0].text:
            fail("a form sent without consent did not come back with the error next to the box")
        if field_for_label(driver, "Nom et prénom").get_attribute("value") != "Jeanne Dupont":
            fail("the re-shown form lost the name")

        # Keyboard only: tab to the consent box and tick it with the space bar.
        consent = driver.find_element(By.ID, "consent")
        field_for_label(driver, "Que demandez-vous").click()
        for _ in range(5):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            if driver.switch_to.active_element == consent:
                break
        if driver.switch_to.active_element != consent:
            fail("the consent box cannot be reached with the Tab key")
        ActionChains(driver).send_keys(Keys.SPACE).perform()
        if not consent.is_selected():
            fail("the space bar did not tick the consent box")
        driver.find_element(By.ID, "complainant-learner").click()
        field_for_label(driver, "Formation").send_keys("Bureautique")
        driver.find_element(By.ID, "files").send_keys(attachment)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

        if not arrived(driver, "/merci/"):
            fail(f"the submission did not land on the receipt: {driver.current_url}")
        reference = driver.find_element(By.ID, "reference").text
        if not reference or reference not in driver.current_url:
            fail("the receipt shows no reference")
        if "au plus tard" not in driver.page_source:
            fail("the receipt shows no answer deadline")
        full_page_screenshot(driver, os.path.join(shots, "serve-receipt.png"))
        driver.set_window_size(420, 900)

        driver.find_element(By.ID, "status-link").click()
        if not arrived(driver, "/suivi/"):
            fail(f"the status link led to {driver.current_url}")
        stage = driver.find_element(By.ID, "stage").text
        if not stage:
            fail("the status page shows no stage")
        full_page_screenshot(driver, os.path.join(shots, "serve-status.png"))
        print(f"{reference} {stage}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
