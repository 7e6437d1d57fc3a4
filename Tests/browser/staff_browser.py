#!/usr/bin/env python3
"""Works a case in the staff workspace of reclam serve (/equipe/) in headless Chromium.

Keyboard and mouse only (the pages have no JavaScript): signs in with the fields found by
their labels, opens the agenda, follows the case's link, presses the button of a move, fills
its form and confirms, reads the case's new stage, then adds a note to the journal through
its form and finds it on the case's page. Takes screenshots of the agenda and
of the case page. Exits 0 when every step saw what it expected, 1 otherwise, with the reason
on standard error; prints the stage label shown at the end.

Usage: staff_browser.py BASE_URL SCREENSHOT_DIR USER PASSWORD CASE_ID
"""

import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_support import chromium, failer, full_page_screenshot, wait_for
from browser_support import field_for_label as find_field

fail = failer("staff_browser")


def field_for_label(driver, text):
    return find_field(driver, text, fail)


def main():
    if len(sys.argv) != 6:
        fail("usage: staff_browser.py BASE_URL SCREENSHOT_DIR USER PASSWORD CASE_ID")
    base, shots, user, password, case_id = sys.argv[1:6]
    os.makedirs(shots, exist_ok=True)
    driver = chromium(1100)
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
        full_page_screenshot(driver, os.path.join(shots, "staff-agenda.png"), 1100)

        driver.find_element(By.LINK_TEXT, case_id).click()
        if not wait_for(driver, lambda d: d.title.startswith(case_id)):
            fail(f"the case's link opened {driver.title}")
        full_page_screenshot(driver, os.path.join(shots, "staff-case.png"), 1100)

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
        stage = None
        for row in driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=fields] tr"):
            cells = row.find_elements(By.TAG_NAME, "td")
            if len(cells) == 2 and cells[0].text == "stage":
                stage = cells[1].text
        if not stage:
            fail("the case page shows no stage")

        # A note through its form: a link, a labelled text area, the button.
        driver.find_element(By.LINK_TEXT, "Ajouter une note au journal").click()
        if not wait_for(driver, lambda d: d.current_url.endswith("/note")):
            fail(f"the note's link opened {driver.current_url}")
        field_for_label(driver, "Texte de la note").send_keys("Rappel prévu vendredi.")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        if not wait_for(driver, lambda d: d.title.startswith(case_id) and "Rappel prévu vendredi." in d.page_source):
            fail("the note did not show in the case's journal")
        print(stage)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
