import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Safe file names for the files attached to a message.
///
/// A name from a mail is the sender's text: it may hold a path (`../../reclam.yml`,
/// `C:\Users\x\a.pdf`), control characters, a leading dot, a reserved name, an email address or
/// the sender's own name. What is kept is the last path component, without any of those, at
/// most 120 characters; an empty result falls back to `attachment-N.<ext>`. Names are made
/// unique within the case (case-insensitively, for Windows and macOS clones).
enum AttachmentNames {
    static let maximumLength = 120

    /// Names for the attachments, in order, unique, each a valid path component.
    /// - Parameter personal: words that must not appear in a path (the sender's name and address).
    /// - Parameter reserved: names already taken in the folder (lowercased), such as `original.eml`.
    static func assign(_ attachments: [IncomingAttachment], personal: [String], reserved: Set<String> = []) -> [String] {
        var used = reserved
        var names: [String] = []
        for (offset, attachment) in attachments.enumerated() {
            let fallback = "attachment-\(offset + 1).\(fileExtension(for: attachment.contentType))"
            var name = sanitise(attachment.name, personal: personal) ?? fallback
            name = unique(name, used: used)
            used.insert(name.lowercased())
            names.append(name)
        }
        return names
    }

    static func sanitise(_ raw: String?, personal: [String]) -> String? {
        guard var name = raw.map(TextDecoding.oneLine) else { return nil }
        // Only the last path component, for both separators.
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = String(name[name.index(after: slash)...]) }
        // Characters that Windows refuses or that shells and YAML treat specially.
        let forbidden = CharacterSet(charactersIn: "<>:\"|?*\u{7F}").union(.controlCharacters).union(.illegalCharacters)
        name = String(String.UnicodeScalarView(name.unicodeScalars.map { forbidden.contains($0) ? "_" : $0 }))
        func trimEnds() {
            while name.hasPrefix(".") || name.hasPrefix(" ") || name.hasPrefix("-") { name.removeFirst() }
            while name.hasSuffix(".") || name.hasSuffix(" ") { name.removeLast() }
        }
        trimEnds()
        let ext = (name as NSString).pathExtension
        let stem = removePersonal(ext.isEmpty ? name : (name as NSString).deletingPathExtension, personal: personal)
        guard stem.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        name = trimSeparators(ext.isEmpty ? stem : "\(stem).\(ext)")
        trimEnds()
        name = truncate(name)
        let base = (name as NSString).deletingPathExtension.lowercased()
        let reserved: Set<String> = [
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "lpt1", "lpt2", "lpt3", "git~1", "git",
        ]
        if base.isEmpty || reserved.contains(base) || name.lowercased() == "learner.md" { return nil }
        // A file named like a case (`x.md`) is harmless in the attachments folder, but
        // `reclam check` only ever reads `cases/<learner>/*.md`, so no rename is needed.
        return name
    }

    /// Drops email addresses and the words of the sender's name (compared without case or
    /// accents), then tidies the separators left behind.
    static func removePersonal(_ name: String, personal: [String]) -> String {
        let withoutAddresses = name.replacingOccurrences(
            of: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+(\.[A-Za-z]{2,})?"#, with: "", options: .regularExpression)
        func fold(_ word: Substring) -> String {
            word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        var words = Set<String>()
        for text in personal {
            for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where word.count >= 3 { words.insert(fold(word)) }
        }
        guard !words.isEmpty else { return withoutAddresses }
        // Runs of letters and digits are words; whatever lies between them is kept as is.
        var result = ""
        var word = ""
        for character in withoutAddresses + "\u{0}" {
            if character.isLetter || character.isNumber {
                word.append(character)
                continue
            }
            if !words.contains(fold(word[...])) { result += word }
            word = ""
            if character != "\u{0}" { result.append(character) }
        }
        return result
    }

    /// `CV__.pdf` → `CV.pdf`; `_-_rapport.pdf` → `rapport.pdf`.
    static func trimSeparators(_ name: String) -> String {
        let ext = (name as NSString).pathExtension
        var stem = ext.isEmpty ? name : String((name as NSString).deletingPathExtension)
        stem = stem.replacingOccurrences(of: #"([ _\-.])[ _\-.]+"#, with: "$1", options: .regularExpression)
        stem = stem.trimmingCharacters(in: CharacterSet(charactersIn: " _-.()[]"))
        if stem.isEmpty { return "" }
        return ext.isEmpty ? stem : "\(stem).\(ext)"
    }

    /// At most `maximumLength` characters and 200 UTF-8 bytes, keeping the extension.
    static func truncate(_ name: String) -> String {
        guard name.count > maximumLength || name.utf8.count > 200 else { return name }
        let ext = (name as NSString).pathExtension
        let keepExt = !ext.isEmpty && ext.count <= 10
        var stem = keepExt ? (name as NSString).deletingPathExtension : name
        let budget = maximumLength - (keepExt ? ext.count + 1 : 0)
        stem = String(stem.prefix(budget))
        while stem.utf8.count + (keepExt ? ext.utf8.count + 1 : 0) > 200 { stem.removeLast() }
        stem = stem.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        return keepExt ? "\(stem).\(ext)" : stem
    }

    /// `rapport.pdf`, `rapport-2.pdf`, `rapport-3.pdf`…
    static func unique(_ name: String, used: Set<String>) -> String {
        if !used.contains(name.lowercased()) { return name }
        let ext = (name as NSString).pathExtension
        let stem = ext.isEmpty ? name : (name as NSString).deletingPathExtension
        var counter = 2
        while true {
            let candidate = ext.isEmpty ? "\(stem)-\(counter)" : "\(stem)-\(counter).\(ext)"
            if !used.contains(candidate.lowercased()) { return candidate }
            counter += 1
        }
    }

    static func fileExtension(for contentType: String) -> String {
        let known: [String: String] = [
            "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
            "image/heic": "heic", "text/plain": "txt", "text/html": "html", "text/csv": "csv", "text/calendar": "ics",
            "message/rfc822": "eml", "application/zip": "zip", "application/msword": "doc",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
            "application/vnd.oasis.opendocument.text": "odt", "application/vnd.ms-excel": "xls",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx", "audio/mpeg": "mp3",
        ]
        return known[contentType] ?? "bin"
    }
}
