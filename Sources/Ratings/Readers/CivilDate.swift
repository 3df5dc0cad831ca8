/// Calendar dates to Unix time without Foundation's calendars (which are slow and
/// locale-dependent): days since 1970-01-01 by Howard Hinnant's `days_from_civil`.
enum CivilDate {
    /// Seconds at UTC midnight of `YYYY-MM-DD`, or nil if the text is not such a date.
    static func unixSeconds(iso bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = NumberParsing.int64(UnsafeBufferPointer(rebasing: bytes[0..<4])),
              let month = NumberParsing.int64(UnsafeBufferPointer(rebasing: bytes[5..<7])),
              let day = NumberParsing.int64(UnsafeBufferPointer(rebasing: bytes[8..<10])),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return daysSinceEpoch(year: year, month: month, day: day) * 86_400
    }

    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
