extension BusinessCalendar {
    /// Why `date` does not count for a day unit, nil when it counts. Hour units have no
    /// excluded days, except business hours, which count on working days only.
    func reasonNotCounted(_ date: CivilDate, unit: SLAUnit) -> NonWorkingReason? {
        switch unit {
        case .workingDays, .businessHours: return nonWorkingReason(on: date)
        case .ouvrableDays: return nonOuvrableReason(on: date)
        case .calendarDays, .hours: return nil
        }
    }
}
