#!/usr/bin/env python3
"""Writes a `git fast-import` stream of a synthetic Reclam ledger, for `make bench`.

    bench/gen-ledger.py --cases 10000 --meta meta.json | git fast-import --quiet

The ledger follows the training preset (presets/training.yml): every field each stage
requires, `steps` in time order, French bodies of 1-3 KB, about 3 cases per learner
(`cases/stg-NNNNNN/`), case ids `YYYYMMDD-xxxx` (unique), mixed stages. Its history is what
reclam itself would have written: one commit for the ledger's creation, one `new(ID)` commit
per case (with the learner's `learner.md` when the folder is new) and one `verb(ID): a -> b`
commit per step, with reclam's trailers, dated at the step's time, in time order. About
3.1 commits per case.

The output is deterministic for a given --cases, --seed and --now. --meta writes ids the
benchmark needs (a case at stage received to move, a case with a long history to log).
"""

import argparse
import datetime as dt
import json
import math
import pathlib
import random
import sys
import zoneinfo

ROOT = pathlib.Path(__file__).resolve().parent.parent
TZ = zoneinfo.ZoneInfo("Europe/Paris")
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
BRANCH = "refs/heads/main"

STAFF = [
    ("Sophie Lefèvre", "sophie.lefevre@of-exemple.fr"),
    ("Claire Martin", "claire.martin@of-exemple.fr"),
    ("Karim Benali", "karim.benali@of-exemple.fr"),
    ("Nadia Haddad", "nadia.haddad@of-exemple.fr"),
    ("Julien Moreau", "julien.moreau@of-exemple.fr"),
    ("Thomas Girard", "thomas.girard@of-exemple.fr"),
    ("Émilie Rousseau", "emilie.rousseau@of-exemple.fr"),
    ("Mathieu Lambert", "mathieu.lambert@of-exemple.fr"),
]
INTAKE = STAFF[:2] + STAFF[6:7]

TRAININGS = [
    ("Titre professionnel Développeur web et web mobile", "DWWM"),
    ("Titre professionnel Secrétaire assistant médico-administratif", "SAMS"),
    ("Titre professionnel Comptable assistant", "CA"),
    ("Titre professionnel Gestionnaire de paie", "GP"),
    ("Titre professionnel Conseiller relation client à distance", "CRCD"),
    ("Anglais professionnel, préparation au TOEIC", "ANG"),
    ("Titre professionnel Assistant ressources humaines", "ARH"),
    ("Titre professionnel Technicien supérieur systèmes et réseaux", "TSSR"),
]
FUNDERS = ["France Travail (AIF)", "CPF", "Région (PRF)", "OPCO Atlas", "OPCO EP", "Financement personnel", "Plan de développement des compétences"]
CHANNELS = ["email"] * 6 + ["web"] * 3 + ["phone"] * 2 + ["letter", "in-person", "in-person", "survey", "mediation"]
COMPLAINANTS = ["learner"] * 12 + ["funder", "funder", "company", "prescriber", "partner"]

# Category -> (titles, complaint sentences, findings, solutions).
CATEGORIES = {
    "administratif": (
        ["Attestation de fin de formation non reçue", "Feuilles d'émargement manquantes pour le financeur",
         "Convention de formation envoyée avec des erreurs", "Facture adressée au mauvais financeur",
         "Certificat de réalisation non transmis", "Relevé d'heures incomplet sur l'espace du financeur"],
        ["Le stagiaire indique ne pas avoir reçu le document promis à la fin du module, malgré deux relances auprès de l'accueil.",
         "Le financeur signale que les pièces justificatives du mois précédent ne sont pas parvenues et que le paiement est suspendu.",
         "Le document reçu comporte une erreur sur les dates de formation et sur le nombre d'heures réalisées.",
         "La personne explique avoir appelé le secrétariat à plusieurs reprises sans obtenir de réponse claire sur le délai.",
         "Le stagiaire précise que ce document conditionne sa rémunération de fin de formation et son inscription à l'examen.",
         "La demande a été transmise une première fois par téléphone, puis confirmée par écrit une semaine plus tard."],
        ["L'envoi groupé de fin de session a échoué pour plusieurs stagiaires dont l'adresse avait changé, sans alerte ni contrôle.",
         "Le dépôt mensuel des pièces n'a pas été fait pendant l'absence de la personne chargée des dépôts, sans suppléant désigné.",
         "La convention a été générée à partir d'un ancien modèle qui ne reprenait pas le calendrier de la session."],
        ["Document renvoyé par email et par courrier, contrôle des accusés d'envoi ajouté à la liste de clôture de session.",
         "Pièces déposées sur l'espace du financeur, contrôle mensuel des dépôts ajouté au tableau de bord administratif.",
         "Modèle de convention corrigé et relu par la coordination avant chaque envoi."]),
    "pédagogie": (
        ["Formateur absent sans remplacement", "Contenu du module différent du programme annoncé",
         "Évaluations rendues sans correction détaillée", "Rythme du module trop rapide pour le groupe",
         "Supports de cours non mis à jour", "Heures de pratique annulées sans rattrapage"],
        ["Le groupe est resté plusieurs demi-journées en autoformation sans consignes ni encadrement.",
         "Le stagiaire estime que le contenu abordé ne correspond pas au programme remis lors de l'inscription.",
         "Les copies ont été rendues avec une note mais sans commentaire permettant de comprendre les erreurs.",
         "Plusieurs stagiaires disent ne pas avoir pu suivre les exercices faute d'explications sur les notions de base.",
         "Les supports distribués citent des versions de logiciels qui ne sont plus utilisées en entreprise.",
         "Le délégué du groupe demande que les heures perdues soient rattrapées avant la période en entreprise."],
        ["Le formateur était en arrêt et la procédure de remplacement n'a pas été déclenchée faute de coordinateur présent.",
         "Le programme a été modifié en cours de session sans information des stagiaires ni mise à jour du livret d'accueil.",
         "Aucune grille de correction commune n'existait pour ce module, chaque formateur corrigeant à sa manière."],
        ["Séances de rattrapage planifiées avec un autre formateur, coordinateur suppléant désigné pendant les congés.",
         "Programme mis à jour et présenté au groupe, information écrite systématique en cas de modification.",
         "Grille de correction commune rédigée et appliquée, retour individuel proposé aux stagiaires concernés."]),
    "logistique": (
        ["Salle de formation non chauffée", "Vidéoprojecteur en panne depuis une semaine",
         "Parking inaccessible pendant les travaux", "Salle trop petite pour le groupe",
         "Nuisances sonores pendant les cours", "Espace de restauration insuffisant"],
        ["La température de la salle ne dépassait pas seize degrés à l'arrivée du groupe, plusieurs matins de suite.",
         "Le matériel de la salle ne fonctionne pas et le formateur doit faire cours sans support projeté.",
         "Les stagiaires arrivant en voiture ne trouvent plus de place depuis le début des travaux du bâtiment voisin.",
         "Le groupe de quatorze personnes est installé dans une salle prévue pour dix, sans table pour tout le monde.",
         "Des travaux dans le couloir rendent les séances de l'après-midi difficiles à suivre.",
         "Le signalement a été fait à l'accueil à deux reprises, sans retour sur une date de réparation."],
        ["La chaudière du bâtiment s'est mise en sécurité et l'alerte n'était reçue par personne depuis un changement de responsable.",
         "Le contrat de maintenance prévoyait une intervention sous plusieurs jours ouvrés, sans matériel de remplacement.",
         "Le planning des salles n'a pas été revu après l'augmentation de l'effectif de la session."],
        ["Intervention du prestataire, équipements d'appoint dans l'intervalle, alerte redirigée vers le responsable de site.",
         "Matériel remplacé, un équipement de secours ajouté au stock de l'accueil.",
         "Groupe déplacé dans une salle adaptée, contrôle des effectifs ajouté à la planification des salles."]),
    "plateforme": (
        ["Plateforme e-learning inaccessible", "Identifiants de connexion non reçus",
         "Vidéos du module impossibles à lire", "Quiz en ligne bloqué après une erreur",
         "Temps de connexion non comptabilisé"],
        ["Le stagiaire ne parvient plus à se connecter à la plateforme depuis plusieurs jours et ne peut pas avancer.",
         "Les identifiants promis lors de l'inscription n'ont jamais été reçus, malgré une vérification des courriers indésirables.",
         "Les vidéos s'arrêtent au bout de quelques secondes sur le poste du stagiaire comme sur son téléphone.",
         "Le quiz de validation du module reste bloqué et le stagiaire ne peut pas passer au module suivant.",
         "Le financeur demande un relevé de connexion qui ne correspond pas aux heures réellement passées en ligne."],
        ["Le compte avait été désactivé par erreur lors de l'import des inscrits de la session suivante.",
         "L'adresse saisie à l'inscription comportait une faute de frappe et aucune vérification n'était faite.",
         "Le format des vidéos n'était pas compatible avec certains navigateurs après une mise à jour de la plateforme."],
        ["Compte réactivé, import des inscrits modifié pour ne plus désactiver les comptes en cours de formation.",
         "Identifiants renvoyés, vérification de l'adresse ajoutée au dossier d'inscription.",
         "Vidéos converties dans un format compatible, test sur plusieurs navigateurs avant chaque mise en ligne."]),
    "accessibilité": (
        ["Salle inaccessible en fauteuil roulant", "Aménagement d'examen non mis en place",
         "Supports non adaptés à un handicap visuel"],
        ["L'ascenseur du bâtiment est en panne et la salle du groupe se trouve à l'étage.",
         "L'aménagement prévu par le référent handicap (tiers temps) n'a pas été appliqué lors de l'évaluation.",
         "Les supports transmis ne sont pas lisibles avec le logiciel de lecture d'écran du stagiaire."],
        ["Le registre d'accessibilité ne prévoyait aucune solution de repli en cas de panne de l'ascenseur.",
         "L'information du référent handicap n'avait pas été transmise au formateur chargé de l'évaluation."],
        ["Groupe installé au rez-de-chaussée jusqu'à la réparation, solution de repli ajoutée au registre d'accessibilité.",
         "Évaluation repassée avec l'aménagement prévu, fiche de liaison systématique entre le référent et les formateurs."]),
    "financement": (
        ["Reste à charge non annoncé", "Dossier CPF annulé sans explication", "Remboursement de frais en attente"],
        ["Le stagiaire a reçu une facture de reste à charge qui n'avait pas été mentionnée lors de l'inscription.",
         "Le dossier de financement a été annulé sur la plateforme sans que le stagiaire soit prévenu.",
         "Les frais de déplacement avancés pour la période en entreprise ne sont toujours pas remboursés."],
        ["Le devis remis à l'inscription ne détaillait pas la part non prise en charge par le financeur.",
         "La date de début saisie sur la plateforme ne correspondait pas à celle de la session, ce qui a entraîné l'annulation."],
        ["Reste à charge annulé à titre commercial, devis type complété avec la part non prise en charge.",
         "Dossier recréé avec les bonnes dates, contrôle croisé des dates avant validation."]),
}
STAGE_LABEL_VERB = {
    "acknowledged": "ack", "assigned": "assign", "investigating": "investigate", "waiting": "wait",
    "solution-decided": "decide", "responded": "respond", "follow-up": "follow-up", "closed": "close",
    "rejected": "reject", "reopened": "reopen",
}
MAIN = ["acknowledged", "assigned", "investigating", "solution-decided", "responded", "follow-up", "closed"]
# Final stage -> weight. About 2.1 steps per case on average, so ~3.1 commits per case.
FINAL_WEIGHTS = {
    "received": 0.30, "acknowledged": 0.18, "assigned": 0.12, "investigating": 0.09, "waiting": 0.03,
    "rejected": 0.12, "solution-decided": 0.03, "responded": 0.03, "follow-up": 0.02, "closed": 0.07, "reopened": 0.01,
}
TERMINALISH = {"closed", "rejected", "reopened", "follow-up", "responded"}
# Typical delay before entering each stage, in hours: (min, max).
DELAY = {
    "acknowledged": (0.3, 10), "assigned": (0.05, 2), "investigating": (0.5, 12), "waiting": (1, 48),
    "solution-decided": (2, 36), "responded": (1, 24), "follow-up": (72, 500), "closed": (1, 72),
    "rejected": (0.5, 24), "reopened": (200, 1500),
}
NO_ACTION = [
    "Cas isolé, solution appliquée ; pas d'action générale nécessaire.",
    "Incident ponctuel déjà corrigé, sans cause récurrente identifiée.",
    "Mesure prise pour ce groupe uniquement, pas d'action d'amélioration à prévoir.",
]
REJECTIONS = [
    "Demande d'information sans mécontentement exprimé, hors du champ des réclamations, transmise au service concerné.",
    "Demande relevant du financeur et non de l'organisme, réorientée vers le conseiller du stagiaire.",
    "Doublon d'une réclamation déjà enregistrée pour le même stagiaire.",
]
REOPEN = [
    "Le problème s'est reproduit après la solution appliquée, signalé à nouveau par le stagiaire.",
    "Le financeur signale que la correction n'a pas été prise en compte.",
]
def iso(t: dt.datetime) -> str:
    return t.astimezone(TZ).isoformat(timespec="seconds")


def journal_time(t: dt.datetime) -> str:
    s = iso(t)
    return f"{s[:10]} {s[11:16]} {s[19:]}"


def git_date(t: dt.datetime) -> str:
    local = t.astimezone(TZ)
    off = local.utcoffset()
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{int(t.timestamp())} {sign}{minutes // 60:02d}{minutes % 60:02d}"


def plain_safe(text: str) -> bool:
    if not text or text[0] in "-?:,[]{}#&*!|>'\"%@` " or text[-1] in " :":
        return False
    return ": " not in text and " #" not in text and "\t" not in text and "\n" not in text


def scalar(text: str) -> str:
    if plain_safe(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_scalar(text: str) -> str:
    if plain_safe(text) and not any(c in text for c in ",[]{}"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrap(text: str, width: int = 88) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


class Case:
    __slots__ = ("id", "learner", "title", "received", "channel", "complainant", "kind", "category", "level", "tags",
                 "session", "message_id", "owner", "path", "steps", "fields", "complaint", "analysis", "solution_text",
                 "response", "followup", "final")


def template_sections():
    text = (ROOT / "templates" / "case.md").read_text()
    sections = []
    for block in text.split("## ")[1:]:
        head, _, rest = block.partition("\n")
        sections.append((head.strip(), rest.strip()))
    return sections


def build(args):
    rng = random.Random(args.seed)
    now = dt.datetime.fromisoformat(args.now)
    span = dt.timedelta(days=args.days)
    start = now - span
    sections = template_sections()
    hints = dict(sections)

    # Learners and their cases: 1 to 5 cases each, about 3 on average.
    cases: list[Case] = []
    learners = []
    used_ids = set()
    n = 0
    learner_no = 0
    while n < args.cases:
        learner_no += 1
        lid = f"stg-{learner_no:06d}"
        training, code = rng.choice(TRAININGS)
        session_start = start + dt.timedelta(seconds=rng.uniform(0, span.total_seconds()))
        session = f"{code}-{session_start.year}-{rng.randint(1, 12):02d}"
        learners.append((lid, training, session, rng.choice(FUNDERS)))
        count = min(rng.choice([1, 2, 3, 3, 4, 5, 3]), args.cases - n)
        for _ in range(count):
            c = Case()
            received = session_start + dt.timedelta(hours=rng.uniform(0, 24 * 180))
            latest = now - dt.timedelta(hours=2)
            if received > latest:
                received = latest - dt.timedelta(hours=rng.uniform(0, 24 * 30))
            received = received.replace(microsecond=0, second=0)
            local = received.astimezone(TZ)
            while True:
                cid = local.strftime("%Y%m%d") + "-" + "".join(rng.choice(ID_ALPHABET) for _ in range(4))
                if cid not in used_ids:
                    used_ids.add(cid)
                    break
            c.id, c.learner, c.received = cid, lid, received
            c.category = rng.choice(list(CATEGORIES))
            titles, sentences, findings, solutions = CATEGORIES[c.category]
            c.title = rng.choice(titles)
            c.channel = rng.choice(CHANNELS)
            c.complainant = rng.choice(COMPLAINANTS)
            c.kind = "complaint" if rng.random() < 0.93 else "dysfunction"
            c.level = rng.choice(["local"] * 6 + ["regional", "national"])
            c.tags = rng.sample(["attestation", "financeur", "locaux", "planning", "e-learning", "examen", "émargement",
                                 "absence-formateur", "rattrapage", "handicap", "facturation", "communication"], rng.randint(1, 3))
            c.session = session
            c.message_id = (f"<{int(received.timestamp()):x}.{cid[-4:]}@mail.example.org>" if c.channel == "email" else None)
            c.path = f"cases/{lid}/{cid}.md"
            # Body texts: 1-3 KB in the final version.
            target = rng.randint(500, 1400)
            para = []
            while sum(len(p) for p in para) < target:
                para.append(rng.choice(sentences) + " " + rng.choice(sentences))
            c.complaint = "\n\n".join(wrap(p) for p in para)
            c.analysis = "\n".join("- " + wrap(rng.choice(findings), 86).replace("\n", "\n  ") for _ in range(rng.randint(1, 3)))
            c.solution_text = "- " + wrap(rng.choice(solutions), 86).replace("\n", "\n  ")
            c.response = wrap("Réponse apportée au réclamant avec les constats de l'analyse, les excuses de l'organisme "
                              "et les mesures prises, avec les dates de mise en œuvre.")
            c.followup = wrap("Point fait avec le réclamant après la mise en œuvre de la solution ; "
                              "son avis est noté dans le dossier et dans la fiche stagiaire.")
            plan_steps(c, rng, now, findings, solutions)
            cases.append(c)
            n += 1
    return cases, learners, hints


def plan_steps(c: Case, rng: random.Random, now: dt.datetime, findings, solutions):
    # Older cases are further along: tilt the weights by age.
    age = min(1.0, (now - c.received).total_seconds() / (86400 * 365))
    weights = {s: w * ((0.5 + age) if s in TERMINALISH else (1.5 - age)) for s, w in FINAL_WEIGHTS.items()}
    final = rng.choices(list(weights), list(weights.values()))[0]
    if final == "received":
        path = []
    elif final in MAIN:
        path = MAIN[: MAIN.index(final) + 1]
    elif final == "waiting":
        path = MAIN[:3] + ["waiting"]
    elif final == "rejected":
        path = MAIN[: rng.choice([0, 0, 0, 1, 1, 2, 3])] + ["rejected"]
    else:  # reopened
        path = MAIN + ["reopened"]
    if final in MAIN[4:] and rng.random() < 0.15:  # a pause for missing information on the way
        i = MAIN.index("investigating") + 1
        path = path[:i] + ["waiting", "investigating"] + path[i:]
    c.final = final
    # Step times, squeezed to end before now.
    delays = [rng.uniform(*DELAY[s]) for s in path]
    total = sum(delays)
    room = (now - dt.timedelta(hours=1) - c.received).total_seconds() / 3600
    if total > room:
        delays = [d * room / total * 0.98 for d in delays]
    t = c.received
    owner = rng.choice(STAFF)
    intake = rng.choice(INTAKE)
    c.owner = None
    c.steps = []
    for stage, delay in zip(path, delays):
        t = t + dt.timedelta(seconds=max(60, int(delay * 3600)))
        actor = intake if stage in ("acknowledged", "assigned", "closed", "rejected", "reopened") else owner
        sets = []
        if stage == "assigned":
            sets.append(("owner", owner[0]))
        elif stage == "solution-decided":
            sets += [("findings", rng.choice(findings)), ("solution", rng.choice(solutions)),
                     ("solution_type", rng.choice(["corrective-action", "compensation", "process-improvement"]))]
        elif stage == "responded":
            sets.append(("response_channel", rng.choice(["email", "email", "letter", "phone", "in-person"])))
        elif stage == "follow-up":
            sets.append(("satisfaction", rng.choice(["satisfied", "satisfied", "partly-satisfied", "not-satisfied", "no-answer"])))
        elif stage == "closed":
            sets.append(("no_action_reason", rng.choice(NO_ACTION)))
        elif stage == "rejected":
            sets.append(("rejection_reason", rng.choice(REJECTIONS)))
        elif stage == "reopened":
            sets.append(("reopen_reason", rng.choice(REOPEN)))
        c.steps.append((stage, t, actor, sets))
    c.owner = owner


FIELD_ORDER = ["owner", "findings", "solution", "solution_type", "response_channel", "satisfaction",
               "no_action_reason", "rejection_reason", "reopen_reason"]


def render(c: Case, k: int, hints) -> str:
    """The case file after its first k steps."""
    steps = c.steps[:k]
    stage = steps[-1][0] if steps else "received"
    fields = {}
    for _, _, _, sets in steps:
        for f, v in sets:
            fields[f] = v
    out = ["---", f"id: {c.id}", f"learner: {c.learner}", f"title: {scalar(c.title)}", f"received: {iso(c.received)}",
           f"channel: {c.channel}", f"complainant: {c.complainant}", f"kind: {c.kind}", f"stage: {stage}"]
    if "owner" in fields:
        out.append(f"owner: {scalar(fields['owner'])}")
    out += [f"category: {scalar(c.category)}", f"level: {c.level}", "tags: [" + ", ".join(flow_scalar(t) for t in c.tags) + "]",
            f"session: {c.session}"]
    if c.message_id:
        out.append(f"message_id: {scalar(c.message_id)}")
    for f in FIELD_ORDER[1:]:
        if f in fields:
            out.append(f"{f}: {scalar(fields[f])}")
    if steps:
        out.append("steps:")
        for s, t, actor, _ in steps:
            out.append(f"  - {{stage: {s}, at: {iso(t)}, by: {flow_scalar(actor[0])}}}")
    out.append("---")
    reached = {s for s, _, _, _ in steps}
    body = {
        "Réclamation": c.complaint,
        "Analyse": c.analysis if "solution-decided" in reached else hints["Analyse"],
        "Solution": c.solution_text if "solution-decided" in reached else hints["Solution"],
        "Réponse": c.response if "responded" in reached else hints["Réponse"],
        "Suivi": c.followup if "follow-up" in reached else hints["Suivi"],
    }
    for name in ["Réclamation", "Analyse", "Solution", "Réponse", "Suivi"]:
        out += [f"## {name}", "", body[name], ""]
    out += ["## Journal", ""]
    intake = c.steps[0][2] if c.steps else INTAKE[0]
    out.append(f"- {journal_time(c.received)} — {intake[0]} — case received (received)")
    previous = "received"
    for s, t, actor, _ in steps:
        out.append(f"- {journal_time(t)} — {actor[0]} — {previous} → {s}")
        previous = s
    return "\n".join(out) + "\n"


def learner_file(lid, training, session, funder) -> str:
    return (f"---\nid: {lid}\ntraining: {scalar(training)}\nsession: {session}\nfunder: {scalar(funder)}\n"
            f"emails: [{lid}@example.org]\n---\nFiche stagiaire.\n\n## Suivi des réclamations\n")


class Stream:
    def __init__(self, out):
        self.out = out

    def data(self, payload: bytes):
        self.out.write(b"data %d\n" % len(payload))
        self.out.write(payload)
        self.out.write(b"\n")

    def commit(self, who, when, message: str, files, first=False):
        ident = f"{who[0]} <{who[1]}> {git_date(when)}".encode()
        self.out.write(b"commit " + BRANCH.encode() + b"\n")
        self.out.write(b"author " + ident + b"\ncommitter " + ident + b"\n")
        self.data(message.encode())
        for path, text in files:
            self.out.write(b"M 100644 inline " + path.encode() + b"\n")
            self.data(text.encode())


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--cases", type=int, required=True)
    p.add_argument("--seed", type=int, default=20261116)
    p.add_argument("--now", default="2026-11-16T10:00:00+01:00", help="the benchmark's RECLAM_NOW")
    p.add_argument("--days", type=int, default=730, help="how far back cases were received")
    p.add_argument("--meta", help="write ids for the benchmark to this JSON file")
    args = p.parse_args()

    cases, learners, hints = build(args)
    events = []  # (time, order, case index, step count after the commit)
    for i, c in enumerate(cases):
        events.append((c.received, 0, i, 0))
        for k, (_, t, _, _) in enumerate(c.steps, start=1):
            events.append((t, k, i, k))
    events.sort(key=lambda e: (e[0], e[2], e[1]))

    out = sys.stdout.buffer
    stream = Stream(out)
    first_time = min(e[0] for e in events) - dt.timedelta(days=1)
    skeleton = [("reclam.yml", (ROOT / "presets" / "training.yml").read_text()), ("cases/.gitkeep", "")]
    for f in sorted((ROOT / "templates").rglob("*")):
        if f.is_file():
            skeleton.append((f.relative_to(ROOT).as_posix(), f.read_text()))
    stream.commit(STAFF[0], first_time, "init: ledger with the training procedure\n\nReclam-Procedure: training\n"
                  f"Reclam-Actor: {STAFF[0][0]}\n", skeleton)
    learner_info = {l[0]: l for l in learners}
    seen_learners = set()
    commits = 1
    for t, _, i, k in events:
        c = cases[i]
        if k == 0:
            files = [(c.path, render(c, 0, hints))]
            if c.learner not in seen_learners:
                seen_learners.add(c.learner)
                files.insert(0, (f"cases/{c.learner}/learner.md", learner_file(*learner_info[c.learner])))
            who = c.steps[0][2] if c.steps else INTAKE[0]
            message = (f"new({c.id}): {c.title}\n\nReclam-Case: {c.id}\nReclam-Stage: received\nReclam-Actor: {who[0]}\n")
        else:
            stage, _, who, sets = c.steps[k - 1]
            before = c.steps[k - 2][0] if k >= 2 else "received"
            verb = STAGE_LABEL_VERB[stage]
            if stage == "investigating" and before == "waiting":
                verb = "resume"
            body = "".join(f"{f}: (none) -> {v}\n" for f, v in sets)
            message = (f"{verb}({c.id}): {before} -> {stage}\n\n" + (body + "\n" if body else "")
                       + f"Reclam-Case: {c.id}\nReclam-Stage: {before} -> {stage}\nReclam-Actor: {who[0]}\n")
            files = [(c.path, render(c, k, hints))]
        stream.commit(who, t, message, files)
        commits += 1
        if commits % 20000 == 0:
            out.write(b"progress %d of %d commits\n" % (commits, len(events) + 1))
    out.write(b"done\n")
    out.flush()

    if args.meta:
        received = [c for c in cases if not c.steps]
        longest = max(cases, key=lambda c: (len(c.steps), c.id))
        middle = sorted((c for c in cases if len(c.steps) >= 7), key=lambda c: c.received)
        logged = middle[len(middle) // 2] if middle else longest
        texts = [render(c, len(c.steps), hints).encode() for c in cases[: min(len(cases), 2000)]]
        sizes = sorted(len(t) for t in texts)
        bodies = sorted(len(t) - t.index(b"\n---\n") - 5 for t in texts)
        stages = {}
        for c in cases:
            stages[c.final] = stages.get(c.final, 0) + 1
        meta = {
            "cases": len(cases), "learners": len(learners), "commits": commits,
            "move_case": max(received, key=lambda c: c.received).id if received else None,
            "move_case_path": max(received, key=lambda c: c.received).path if received else None,
            "log_case": logged.id, "log_case_path": logged.path, "log_case_steps": len(logged.steps),
            "file_bytes_min": sizes[0], "file_bytes_median": sizes[len(sizes) // 2], "file_bytes_max": sizes[-1],
            "body_bytes_min": bodies[0], "body_bytes_median": bodies[len(bodies) // 2], "body_bytes_max": bodies[-1],
            "stages": dict(sorted(stages.items())), "seed": args.seed, "now": args.now,
        }
        pathlib.Path(args.meta).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
