/// The grammar of SLA durations: `<whole number> [space] <unit words>`.
///
/// Matching is case-insensitive, ignores French accents and extra spaces, and accepts the
/// singular or the plural of every word (a trailing "s" is dropped from each word on both sides
/// before comparing, so "jour ouvré", "jours ouvrés" and "jours ouvres" are the same key).
enum SLADurationGrammar {
    static func parse(_ text: String) throws -> SLADuration {
        let normalised = normalise(text)
        let digits = normalised.prefix { $0.isASCII && $0.isNumber }
        let words = normalised.dropFirst(digits.count).split(separator: " ").map { singular($0) }
        guard !digits.isEmpty, digits.count <= 6, let amount = Int(digits),
            SLADuration.allowedAmounts.contains(amount),
            let unit = units[words.joined(separator: " ")]
        else {
            throw CalendarError.invalidDuration(text)
        }
        return try SLADuration(amount: amount, unit: unit)
    }

    /// Unit phrases, already in singular, unaccented, lower-case form.
    private static let units: [String: SLAUnit] = {
        var table: [String: SLAUnit] = [:]
        let phrases: [(SLAUnit, [String])] = [
            (.hours, ["h", "hr", "hour", "heure"]),
            (.businessHours, ["business hour", "working hour", "heure ouvree"]),
            (.workingDays, ["working day", "business day", "workday", "jour ouvre"]),
            (.ouvrableDays, ["jour ouvrable", "ouvrable day"]),
            (.calendarDays, ["calendar day", "day", "jour calendaire", "jour"]),
        ]
        for (unit, list) in phrases {
            for phrase in list {
                table[phrase.split(separator: " ").map { singular($0) }.joined(separator: " ")] = unit
            }
        }
        return table
    }()

    /// Lower case, French accents removed, runs of spaces collapsed, trimmed.
    static func normalise(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            switch character {
            case "é", "è", "ê", "ë": result.append("e")
            case "à", "â": result.append("a")
            case "ô": result.append("o")
            case "î", "ï": result.append("i")
            case "û", "ù": result.append("u")
            default: result.append(character)
            }
        }
        // A number glued to its unit ("48h") is split so that words are compared alone.
        if let firstLetter = result.firstIndex(where: { !($0.isASCII && $0.isNumber) }),
            firstLetter != result.startIndex, result[firstLetter] != " "
        {
            result.insert(" ", at: firstLetter)
        }
        return result
    }

    private static func singular(_ word: Substring) -> String {
        word.count > 1 && word.hasSuffix("s") ? String(word.dropLast()) : String(word)
    }
}
