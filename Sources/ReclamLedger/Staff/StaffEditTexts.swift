import Foundation
import ReclamCore

extension StaffTexts {
    /// The words of the edit forms: reassign, set a field, note, sections, new case, actions.
    static let editWords: [String: (String, String)] = [
        "edit": ("Modifier", "Edit"),
        "e_assign": ("Réattribuer", "Reassign"),
        "e_set": ("Modifier un champ", "Set a field"),
        "e_note": ("Ajouter une note au journal", "Add a note to the journal"),
        "e_sections": ("Modifier le texte", "Edit the text"),
        "e_action": ("Action d'amélioration", "Improvement action"),
        "new_case": ("Nouveau dossier", "New case"),
        "new_owner": ("Nouveau responsable", "New owner"),
        "assign_help": (
            "L'identifiant ou le nom de la personne qui traite le dossier.", "The id or name of the person who handles the case."
        ),
        "no_owner": (
            "Ce dossier n'a pas encore de responsable : attribuez-le par l'étape de la procédure (Agir).",
            "This case has no owner yet: assign it through the procedure's step (Act)."
        ),
        "field": ("Champ", "Field"),
        "value": ("Valeur", "Value"),
        "value_help": (
            "Vide pour retirer un champ facultatif.", "Empty to remove an optional field."
        ),
        "journal_line": ("Texte de la note", "Text of the note"),
        "sections_help": (
            "Le journal ne se modifie pas ici : ajoutez-y une note.", "The journal is not edited here: add a note to it."
        ),
        "submit_edit": ("Enregistrer", "Save"),
        "submit_new": ("Créer le dossier", "Create the case"),
        "learner_help": (
            "L'identifiant pseudonyme de l'apprenant (dossier sous cases/), par ex. stg-2026-014.",
            "The learner's pseudonymous id (the folder under cases/), e.g. stg-2026-014."
        ),
        "complainant": ("Réclamant", "Complainant"),
        "kind": ("Nature", "Kind"),
        "category": ("Catégorie", "Category"),
        "email": ("Adresse email du réclamant", "The complainant's email address"),
        "received_help": (
            "2026-10-05 09:12 dans le fuseau du registre, ou ISO 8601 avec décalage ; vide pour maintenant.",
            "2026-10-05 09:12 in the ledger's time zone, or ISO 8601 with offset; empty for now."
        ),
        "complaint_text": ("Texte de la réclamation", "The complaint's text"),
        "optional": ("facultatif", "optional"),
        "new_action": ("Créer une action liée à ce dossier", "Create an action linked to this case"),
        "link_action": ("Lier une action existante", "Link an existing action"),
        "action": ("Action", "Action"),
        "due": ("Échéance (AAAA-MM-JJ)", "Due (YYYY-MM-DD)"),
        "submit_action": ("Créer l'action", "Create the action"),
        "submit_link": ("Lier l'action", "Link the action"),
        "no_other_action": ("Aucune autre action à lier.", "No other action to link."),
        "k_corrective": ("corrective", "corrective"),
        "k_preventive": ("préventive", "preventive"),
        "k_improvement": ("amélioration", "improvement"),
    ]
}
