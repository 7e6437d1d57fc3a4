extension FrenchHolidays {
    /// Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm
    /// (Meeus/Jones/Butcher). Integer arithmetic only; valid for every year from 1583.
    public static func easterSunday(in year: Int) -> CivilDate {
        let a = year % 19  // position in the 19-year Metonic cycle
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3  // lunar correction
        let h = (19 * a + b - d - g + 15) % 30  // epact-related: days to the Paschal full moon
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7  // days to the following Sunday
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(unchecked: year, month, day)
    }
}
