import Foundation

/// An instant written on the command line (`--at`, `--received`, `--from`, `--as-of`,
/// `--since`): ISO 8601 with an offset, or a local time in the ledger's time zone,
/// `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DD` (midnight). A local time the clocks skip (the spring
/// change) or pass twice (autumn) is refused, naming the offsets around it, so that no step is
/// recorded an hour off without anyone noticing.
public enum InstantText {
    public enum Problem: Error, Sendable, Equatable {
        case malformed
        /// The local time does not exist: the clocks go from `before` to `after` over it.
        case nonexistent(before: Int, after: Int)
        /// The local time happens twice, at these two offsets.
        case ambiguous(first: Int, second: Int)
    }

    public static func parse(_ text: String, timeZone: TimeZone) -> Result<Date, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let parsed = ISODateTime.parse(trimmed) { return .success(parsed.date) }
        // A local time: the same grammar without an offset (read as if at UTC, then placed).
        let naiveText: String
        switch trimmed.count {
        case 10: naiveText = trimmed + "T00:00:00Z"
        case 16, 19:
            let characters = Array(trimmed)
            guard characters[10] == " " || characters[10] == "T" else { return .failure(.malformed) }
            naiveText = trimmed + "Z"
        default: return .failure(.malformed)
        }
        guard let naive = ISODateTime.parse(naiveText), naive.offsetSeconds == 0 else { return .failure(.malformed) }
        return place(naive.date, in: timeZone)
    }

    /// The instants whose local time in `timeZone` is the wall-clock time `naive` (read at UTC).
    static func place(_ naive: Date, in timeZone: TimeZone) -> Result<Date, Problem> {
        let day: TimeInterval = 86_400
        let before = timeZone.secondsFromGMT(for: naive.addingTimeInterval(-day))
        let after = timeZone.secondsFromGMT(for: naive.addingTimeInterval(day))
        var offsets = [before, after, timeZone.secondsFromGMT(for: naive)]
        offsets = offsets.enumerated().filter { !offsets[..<$0.offset].contains($0.element) }.map(\.element)
        let matches = offsets.compactMap { offset -> (offset: Int, date: Date)? in
            let candidate = naive.addingTimeInterval(TimeInterval(-offset))
            return timeZone.secondsFromGMT(for: candidate) == offset ? (offset, candidate) : nil
        }
        switch matches.count {
        case 1: return .success(matches[0].date)
        case 0: return .failure(.nonexistent(before: before, after: after))
        default:
            let sorted = matches.sorted { $0.date < $1.date }
            return .failure(.ambiguous(first: sorted[0].offset, second: sorted[1].offset))
        }
    }

    /// `+02:00`.
    public static func offsetText(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// What to tell the person who wrote `text` after `flag`.
    public static func message(_ problem: Problem, text: String, flag: String, timeZone: TimeZone, language: Language = .en) -> String {
        let zone = timeZone.identifier
        if language != .en {
            let m = Messages(language)
            switch problem {
            case .malformed: return m.format(.instantMalformed, flag, text, zone)
            case .nonexistent(let before, let after):
                return m.format(
                    .instantNonexistent, flag, text, zone, offsetText(before), offsetText(after), example(text, before),
                    example(text, after))
            case .ambiguous(let first, let second):
                return m.format(
                    .instantAmbiguous, flag, text, zone, offsetText(first), offsetText(second), example(text, first), example(text, second))
            }
        }
        switch problem {
        case .malformed:
            return "\(flag) '\(text)' is not a date-time: write 2026-10-05 09:12 or 2026-10-05 (in the ledger's time zone, "
                + "\(zone)), or ISO 8601 with an offset, 2026-10-05T09:12:00+02:00"
        case .nonexistent(let before, let after):
            return "\(flag) '\(text)' does not exist in \(zone): the clocks jump from \(offsetText(before)) to \(offsetText(after)) "
                + "over it; write the time with its offset, e.g. \(example(text, before)) or \(example(text, after))"
        case .ambiguous(let first, let second):
            return "\(flag) '\(text)' happens twice in \(zone), at \(offsetText(first)) and at \(offsetText(second)); "
                + "write the time with its offset, e.g. \(example(text, first)) or \(example(text, second))"
        }
    }

    static func example(_ text: String, _ offset: Int) -> String {
        var local = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        if local.count == 10 { local += "T00:00:00" }
        if local.count == 16 { local += ":00" }
        return local + offsetText(offset)
    }
}
