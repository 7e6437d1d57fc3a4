import Foundation

/// The calendar of one ledger: which days are worked, when, in which time zone.
///
/// A day is a working day when its weekday is in the working week, it is not a public holiday
/// of the region and no closure covers it. Immutable and `Sendable`: build it once from
/// `reclam.yml`, share it freely.
public struct BusinessCalendar: Sendable, Equatable {
    public let region: Region
    public let workingDays: Set<Weekday>
    public let businessHours: BusinessHours
    public let timeZone: TimeZone
    public let closures: [Closure]
    let clock: LocalClock
    let dayCounts = DayCountTable()

    /// The calendar of `reclam.yml`; every argument has the documented default.
    public init(
        region: Region = .metropole,
        workingDays: Set<Weekday> = Weekday.mondayToFriday,
        businessHours: BusinessHours = .standard,
        timeZoneIdentifier: String = "Europe/Paris",
        closures: [Closure] = []
    ) throws {
        guard let timeZone = TimeZone(identifier: timeZoneIdentifier) else {
            throw CalendarError.invalidTimeZone(timeZoneIdentifier)
        }
        try self.init(
            region: region, workingDays: workingDays, businessHours: businessHours,
            timeZone: timeZone, closures: closures)
    }

    public init(
        region: Region,
        workingDays: Set<Weekday>,
        businessHours: BusinessHours,
        timeZone: TimeZone,
        closures: [Closure]
    ) throws {
        // An empty week would make every deadline loop forever.
        guard !workingDays.isEmpty else { throw CalendarError.emptyWorkingWeek }
        self.region = region
        self.workingDays = workingDays
        self.businessHours = businessHours
        self.timeZone = timeZone
        self.closures = closures
        self.clock = LocalClock(timeZone: timeZone)
    }

    // MARK: Days

    /// The public holiday on `date` in the calendar's region, if any.
    public func holiday(on date: CivilDate) -> CalendarEntry? {
        FrenchHolidays.holiday(on: date, region: region)
    }

    /// The first closure (in configuration order) covering `date`, if any.
    public func closure(on date: CivilDate) -> Closure? {
        closures.first { $0.contains(date) }
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool { nonWorkingReason(on: date) == nil }

    /// Why `date` is not a working day, nil when it is one. When several reasons apply, the
    /// holiday wins, then the weekend, then the closure: a closure only matters on a day that
    /// would otherwise have been worked, so that is the day it is named on.
    public func nonWorkingReason(on date: CivilDate) -> NonWorkingReason? {
        if let holiday = holiday(on: date) { return .holiday(holiday.name) }
        if !workingDays.contains(date.weekday) { return .weekend(date.weekday) }
        if let closure = closure(on: date) { return .closure(closure.name) }
        return nil
    }

    /// "Jours ouvrables": Monday to Saturday minus public holidays, whatever the working week
    /// and the closures (the legal notion ignores the organisation's schedule).
    public func isOuvrable(_ date: CivilDate) -> Bool { nonOuvrableReason(on: date) == nil }

    /// Why `date` is not a jour ouvrable (the holiday, or Sunday), nil when it is one.
    public func nonOuvrableReason(on date: CivilDate) -> NonWorkingReason? {
        if let holiday = holiday(on: date) { return .holiday(holiday.name) }
        if date.weekday == .sunday { return .weekend(.sunday) }
        return nil
    }

    // MARK: Year listings

    /// The public holidays of `year` in the calendar's region, sorted.
    public func holidays(in year: Int) -> [CalendarEntry] {
        FrenchHolidays.holidays(in: year, region: region)
    }

    /// Holidays and closure days of `year`, sorted by date (holidays first on a shared day).
    /// A closure range gives one entry per day, weekends included.
    public func entries(in year: Int) -> [CalendarEntry] {
        var entries = holidays(in: year)
        for closure in closures {
            entries += closure.days(in: year).map { CalendarEntry(date: $0, name: closure.name, kind: .closure) }
        }
        return Array(Set(entries)).sorted()
    }

    // MARK: Local time

    /// The local day (in the calendar's time zone) an instant falls on.
    public func day(of instant: Date) -> CivilDate { clock.day(of: instant) }

    /// The first instant of a local day.
    public func startOfDay(_ date: CivilDate) -> Date { clock.startOfDay(date) }

    /// The last instant of a local day as used by deadlines (23:59:59.999 local).
    public func endOfDay(_ date: CivilDate) -> Date { clock.endOfDay(date) }
}
