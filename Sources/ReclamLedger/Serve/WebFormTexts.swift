import Foundation
import ReclamCore
import ReclamGit

/// The words of the public form, the receipt and the status page, in French and English.
///
/// A ledger replaces any of them with `serve.texts.<key>` in `reclam.yml` (in its own
/// language). `{max}`, `{name}`, `{date}`, `{reference}` are filled in where a text uses them.
public struct WebFormTexts: Sendable {
    public var language: Language
    public var overrides: [String: String]

    public init(language: Language, overrides: [String: String] = [:]) {
        self.language = language
        self.overrides = overrides
    }

    public subscript(_ key: String) -> String {
        overrides[key] ?? (language == .en ? Self.english[key] : Self.french[key]) ?? key
    }

    /// The text with its `{placeholders}` filled in.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    public static var keys: Set<String> { Set(french.keys) }

    static let french: [String: String] = [
        "form_title": "Déposer une réclamation",
        "form_intro":
            "Ce formulaire transmet votre réclamation à notre équipe. Vous recevrez aussitôt une référence et un lien privé pour suivre son traitement.",
        "required_note": "Les champs marqués d'un astérisque (*) sont obligatoires.",
        "required_mark": "obligatoire",
        "fieldset_you": "Vous",
        "fieldset_training": "La formation concernée",
        "fieldset_complaint": "Votre réclamation",
        "complainant_label": "Vous êtes",
        "complainant_learner": "Stagiaire ou apprenant",
        "complainant_funder": "Financeur",
        "complainant_prescriber": "Prescripteur",
        "complainant_company": "Entreprise",
        "complainant_partner": "Partenaire",
        "name_label": "Nom et prénom",
        "email_label": "Adresse électronique",
        "email_help": "Nous y envoyons l'accusé de réception et notre réponse.",
        "phone_label": "Téléphone",
        "training_label": "Formation",
        "session_label": "Session (dates, lieu ou groupe)",
        "happened_label": "Que s'est-il passé ?",
        "happened_help": "Décrivez les faits : quoi, quand, où, qui était concerné.",
        "request_label": "Que demandez-vous ?",
        "request_help": "La solution que vous attendez de notre part, si vous en avez une.",
        "files_label": "Pièces jointes",
        "files_help": "Facultatif : jusqu'à {count} fichiers, {size} au total (PDF, images, texte, documents bureautiques).",
        "consent_label":
            "J'accepte que les données de ce formulaire soient utilisées pour traiter ma réclamation et conservées dans le registre des réclamations.",
        "privacy_link": "Notre politique de confidentialité",
        "honeypot_label": "Ne pas remplir ce champ",
        "submit": "Envoyer la réclamation",
        "optional": "facultatif",
        "errors_title": "Le formulaire contient des erreurs",
        "errors_intro": "Corrigez les champs indiqués ci-dessous, puis envoyez de nouveau.",
        "error_required": "Ce champ est obligatoire.",
        "error_too_long": "{max} caractères au plus.",
        "error_email": "Écrivez une adresse électronique complète, par exemple nom@exemple.fr.",
        "error_phone": "Écrivez un numéro de téléphone (chiffres, espaces, +, points ou tirets).",
        "error_choice": "Choisissez une des réponses proposées.",
        "error_consent": "Cochez cette case pour que nous puissions traiter votre réclamation.",
        "error_file_count": "{max} fichiers au plus.",
        "error_file_size": "Les pièces jointes dépassent {max} au total.",
        "error_file_type": "Le fichier « {name} » n'est pas d'un type accepté (PDF, image, texte ou document bureautique).",
        "error_file_empty": "Le fichier « {name} » est vide.",
        "error_expired": "Le formulaire a expiré. Vérifiez vos réponses puis envoyez de nouveau.",
        "error_files_again": "Pour votre sécurité, les pièces jointes ne sont pas conservées : joignez-les de nouveau.",
        "rate_title": "Trop d'envois",
        "rate_text": "Vous avez envoyé plusieurs réclamations en peu de temps. Réessayez plus tard.",
        "too_large_title": "Envoi trop volumineux",
        "too_large_text": "Les pièces jointes dépassent la taille acceptée. Revenez au formulaire et joignez des fichiers plus petits.",
        "unavailable_title": "Envoi impossible pour le moment",
        "unavailable_text": "Votre réclamation n'a pas pu être enregistrée et rien n'a été conservé. Réessayez dans quelques minutes.",
        "back_to_form": "Revenir au formulaire",
        "receipt_title": "Réclamation enregistrée",
        "receipt_intro": "Merci. Votre réclamation est enregistrée ; un accusé de réception vous est envoyé par courrier électronique.",
        "receipt_reference": "Référence",
        "receipt_date": "Reçue le",
        "receipt_deadline": "Réponse au plus tard le",
        "receipt_status": "Suivre votre réclamation",
        "receipt_keep":
            "Conservez ce lien : il est personnel et ne sera pas envoyé de nouveau. Toute personne qui le connaît peut voir l'état de votre réclamation.",
        "status_title": "Suivi de votre réclamation",
        "status_stage": "État",
        "status_history": "Étapes",
        "status_received": "Réclamation reçue",
        "status_deadline": "Réponse au plus tard le",
        "status_closed": "Le traitement de votre réclamation est terminé.",
        "status_contact": "Pour toute question, répondez à l'accusé de réception en rappelant votre référence.",
        "not_found_title": "Page introuvable",
        "not_found_text": "Cette adresse ne correspond à aucune page.",
    ]

    static let english: [String: String] = [
        "form_title": "Make a complaint",
        "form_intro":
            "This form sends your complaint to our team. You get a reference at once, and a private link to follow how it is handled.",
        "required_note": "Fields marked with an asterisk (*) are required.",
        "required_mark": "required",
        "fieldset_you": "You",
        "fieldset_training": "The training concerned",
        "fieldset_complaint": "Your complaint",
        "complainant_label": "You are",
        "complainant_learner": "A trainee or learner",
        "complainant_funder": "A funder",
        "complainant_prescriber": "A prescriber",
        "complainant_company": "A company",
        "complainant_partner": "A partner",
        "name_label": "Full name",
        "email_label": "Email address",
        "email_help": "We send the acknowledgement and our answer there.",
        "phone_label": "Phone",
        "training_label": "Training",
        "session_label": "Session (dates, place or group)",
        "happened_label": "What happened?",
        "happened_help": "Describe the facts: what, when, where, who was involved.",
        "request_label": "What do you ask for?",
        "request_help": "The solution you expect from us, if you have one in mind.",
        "files_label": "Attachments",
        "files_help": "Optional: up to {count} files, {size} in all (PDF, images, text, office documents).",
        "consent_label": "I agree that the data of this form is used to handle my complaint and kept in the complaints register.",
        "privacy_link": "Our privacy notice",
        "honeypot_label": "Leave this field empty",
        "submit": "Send the complaint",
        "optional": "optional",
        "errors_title": "The form has errors",
        "errors_intro": "Correct the fields marked below, then send again.",
        "error_required": "This field is required.",
        "error_too_long": "At most {max} characters.",
        "error_email": "Write a full email address, for example name@example.org.",
        "error_phone": "Write a phone number (digits, spaces, +, dots or hyphens).",
        "error_choice": "Choose one of the answers offered.",
        "error_consent": "Tick this box so that we can handle your complaint.",
        "error_file_count": "At most {max} files.",
        "error_file_size": "The attachments exceed {max} in all.",
        "error_file_type": "The file “{name}” is not of an accepted type (PDF, image, text or office document).",
        "error_file_empty": "The file “{name}” is empty.",
        "error_expired": "The form expired. Check your answers, then send again.",
        "error_files_again": "For your safety, attachments are not kept: attach them again.",
        "rate_title": "Too many submissions",
        "rate_text": "You sent several complaints in a short time. Please try again later.",
        "too_large_title": "Submission too large",
        "too_large_text": "The attachments exceed the accepted size. Go back to the form and attach smaller files.",
        "unavailable_title": "Cannot send for the moment",
        "unavailable_text": "Your complaint could not be recorded and nothing was kept. Please try again in a few minutes.",
        "back_to_form": "Back to the form",
        "receipt_title": "Complaint recorded",
        "receipt_intro": "Thank you. Your complaint is recorded; an acknowledgement is on its way to your email address.",
        "receipt_reference": "Reference",
        "receipt_date": "Received on",
        "receipt_deadline": "Answer by",
        "receipt_status": "Follow your complaint",
        "receipt_keep":
            "Keep this link: it is personal and will not be sent again. Anyone who knows it can see the status of your complaint.",
        "status_title": "Your complaint",
        "status_stage": "Status",
        "status_history": "Steps",
        "status_received": "Complaint received",
        "status_deadline": "Answer by",
        "status_closed": "The handling of your complaint is complete.",
        "status_contact": "For any question, reply to the acknowledgement and quote your reference.",
        "not_found_title": "Page not found",
        "not_found_text": "This address matches no page.",
    ]
}
