import Foundation
import ReclamCore

/// The words of the staff workspace's pages, in French and English (the ledger's `language`).
public struct StaffTexts: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public subscript(_ key: String) -> String {
        guard let pair = Self.words[key] ?? Self.editWords[key] else { return key }
        return language == .en ? pair.1 : pair.0
    }

    static let words: [String: (String, String)] = [
        "workspace": ("Espace équipe", "Staff workspace"),
        "today": ("Aujourd'hui", "Today"),
        "cases": ("Dossiers", "Cases"),
        "report": ("Rapport", "Report"),
        "register": ("Registre", "Register"),
        "plan": ("Plan d'amélioration", "Improvement plan"),
        "audit": ("Audit", "Audit"),
        "sign_in": ("Connexion", "Sign in"),
        "sign_in_button": ("Se connecter", "Sign in"),
        "sign_out": ("Se déconnecter", "Sign out"),
        "user_id": ("Identifiant", "User id"),
        "password": ("Mot de passe", "Password"),
        "wrong_password": ("Identifiant ou mot de passe incorrect.", "Wrong user id or password."),
        "locked": (
            "Trop de tentatives de connexion. Réessayez dans 15 minutes.",
            "Too many sign-in attempts. Try again in 15 minutes."
        ),
        "expired": ("Le formulaire a expiré ; recommencez.", "The form expired; please try again."),
        "signed_in_as": ("Connecté·e : ", "Signed in: "),
        "agenda": ("À faire", "To do"),
        "unassigned": ("Non attribués", "Unassigned"),
        "sla_board": ("Délais", "Deadlines"),
        "breached": ("dépassés", "breached"),
        "at-risk": ("à risque", "at risk"),
        "running": ("en cours", "running"),
        "paused": ("suspendus", "paused"),
        "s_met": ("tenu", "met"),
        "s_met-late": ("tenu en retard", "met late"),
        "s_running": ("en cours", "running"),
        "s_at-risk": ("à risque", "at risk"),
        "s_breached": ("dépassé", "breached"),
        "s_paused": ("suspendu", "paused"),
        "newest": ("Dernières réclamations reçues", "Newest intakes"),
        "nothing": ("Rien pour l'instant.", "Nothing for now."),
        "id": ("Référence", "Reference"),
        "title": ("Objet", "Title"),
        "stage": ("Étape", "Stage"),
        "owner": ("Responsable", "Owner"),
        "learner": ("Apprenant", "Learner"),
        "received": ("Reçue le", "Received"),
        "deadline": ("Échéance", "Deadline"),
        "channel": ("Canal", "Channel"),
        "text": ("Texte", "Text"),
        "open_only": ("Ouverts seulement", "Open only"),
        "overdue": ("En retard", "Overdue"),
        "any": ("(tous)", "(any)"),
        "filter": ("Filtrer", "Filter"),
        "sort": ("Trier par", "Sort by"),
        "descending": ("Ordre décroissant", "Descending"),
        "previous": ("Page précédente", "Previous page"),
        "next": ("Page suivante", "Next page"),
        "page_of": ("Page %1 sur %2, %3 dossiers", "Page %1 of %2, %3 cases"),
        "fields": ("Fiche", "Fields"),
        "body": ("Contenu", "Contents"),
        "attachments": ("Pièces jointes", "Attachments"),
        "actions": ("Actions d'amélioration liées", "Linked improvement actions"),
        "timeline": ("Historique", "Timeline"),
        "clocks": ("Délais", "SLA clocks"),
        "rule": ("Règle", "Rule"),
        "state": ("État", "State"),
        "date": ("Date", "Date"),
        "author": ("Auteur", "Author"),
        "change": ("Changement", "Change"),
        "act": ("Agir", "Act"),
        "reviewer_note": ("Lecture seule (relecteur).", "Read only (reviewer)."),
        "note": ("Note pour le journal", "Note for the journal"),
        "at": ("Date de l'étape", "When it happened"),
        "at_help": (
            "ISO 8601 avec décalage, par ex. 2026-11-16T09:00:00+01:00 ; vide pour maintenant.",
            "ISO 8601 with offset, e.g. 2026-11-16T09:00:00+01:00; empty for now."
        ),
        "submit_move": ("Valider", "Confirm"),
        "cancel": ("Retour au dossier", "Back to the case"),
        "stale": (
            "Rechargez : quelqu'un a modifié ce dossier entre-temps. Votre saisie est conservée ci-dessous ; vérifiez le dossier avant de valider à nouveau.",
            "Reload, someone changed this case meanwhile. Your input is kept below; check the case before confirming again."
        ),
        "refused": ("Impossible d'enregistrer :", "Could not record this:"),
        "forbidden": ("Votre rôle ne permet pas d'agir sur les dossiers.", "Your role cannot act on cases."),
        "not_found": ("Page introuvable.", "Page not found."),
        "required": ("obligatoire", "required"),
        "download_csv": ("Télécharger en CSV", "Download as CSV"),
        "learner_sheet": ("Fiche apprenant", "Learner sheet"),
        "no_action_reason": ("Pourquoi aucune action d'amélioration", "Why no improvement action"),
        "no_action_help": (
            "Clôturer demande une action d'amélioration liée (reclam action new) ou cette raison.",
            "Closing needs a linked improvement action (reclam action new) or this reason."
        ),
        "moved": ("Enregistré.", "Recorded."),
        "findings": ("Constats", "Findings"),
        "no_findings": ("Aucun constat.", "No findings."),
        "unreadable": ("fichiers illisibles", "unreadable files"),
    ]
}
