import Foundation

/// When an SLA clock turns to "warning" (`warn:` in `reclam.yml`).
///
/// - `75%`: when 75 % of the allowed time is used, measured in the duration's own unit
///   (75 % of 1 working day is 18:00 on that working day, not 75 % of the weekend before it).
/// - `1 working day before`, `4 hours before`, `1 jour ouvré avant`: that much before the
///   deadline, counted backwards with the same rules as the deadline.
public enum WarningThreshold: Sendable, Hashable, CustomStringConvertible {
    case percent(Double)
    case before(SLADuration)

    /// `75%`, `75 %`, `12.5%`, `12,5 %`; `<duration> before` or `<duration> avant`.
    public static func parse(_ text: String) throws -> WarningThreshold {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix("%") {
            let number = trimmed.dropLast().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(number), (0...100).contains(value)
            else {
                throw CalendarError.invalidWarning(text)
            }
            return .percent(value)
        }
        let lower = trimmed.lowercased()
        for suffix in [" before", " avant"] where lower.hasSuffix(suffix) {
            let durationText = String(trimmed.dropLast(suffix.count))
            guard let duration = try? SLADuration.parse(durationText) else { break }
            return .before(duration)
        }
        throw CalendarError.invalidWarning(text)
    }

    /// `75%`, `1 working day before`.
    public var description: String {
        switch self {
        case .percent(let value): return Self.number(value) + "%"
        case .before(let duration): return "\(duration) before"
        }
    }

    /// `75 %`, `1 jour ouvré avant`.
    public var frenchDescription: String {
        switch self {
        case .percent(let value): return Self.number(value).replacingOccurrences(of: ".", with: ",") + " %"
        case .before(let duration): return "\(duration.frenchDescription) avant"
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
