import Foundation

/// Kazakh case endings after numbers written in digits.
///
/// A suffix after a number follows the Kazakh name of the number's last word: «5-ке» (бес), «6-ға» (алты),
/// «20-ға» (жиырма), «100-ге» (жүз), as the manual writes «1-ден 5-ке дейін».
public enum KazakhNumber {
    /// The Kazakh word the name of `n` ends with (its last nonzero word): 25 → «бес», 40 → «қырық», 300 → «жүз».
    public static func lastWord(_ n: Int) -> String {
        let units = ["нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
        let tens = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]
        let m = n.magnitude
        if m == 0 { return units[0] }
        if m % 10 != 0 { return units[Int(m % 10)] }
        if m % 100 != 0 { return tens[Int(m / 10 % 10)] }
        if m % 1000 != 0 { return "жүз" }
        let large = ["мың", "миллион", "миллиард", "триллион", "квадриллион", "квинтиллион"]
        var rest = m / 1000
        var index = 0
        while rest % 1000 == 0 && index + 1 < large.count {
            rest /= 1000
            index += 1
        }
        return large[index]
    }

    /// The dative ending of `n` without the hyphen: «ге», «ке», «ға» or «қа».
    public static func dativeSuffix(_ n: Int) -> String {
        let word = lastWord(n)
        let back = isBack(word)
        if voicelessEnd.contains(word.last ?? "а") { return back ? "қа" : "ке" }
        return back ? "ға" : "ге"
    }

    /// Back-vowel harmony: the last vowel of `word` is back (а, о, ұ, ы). «у» takes the harmony of the vowel
    /// before it (елу → елуге).
    static func isBack(_ word: String) -> Bool {
        let back: Set<Character> = ["а", "о", "ұ", "ы", "я"]
        let front: Set<Character> = ["ә", "е", "ө", "ү", "і", "и", "э", "ю"]
        return word.reversed().first { back.contains($0) || front.contains($0) }.map(back.contains) ?? false
    }

    /// Endings after which a suffix starts voiceless: voiceless consonants, and the voiced stops of loanwords
    /// that are said voiceless (миллиард → миллиардқа).
    static let voicelessEnd: Set<Character> = ["к", "қ", "п", "с", "т", "ф", "х", "ц", "ч", "ш", "щ", "б", "в", "г", "д"]

    /// `n` in digits with its dative ending: 5 → «5-ке», 6 → «6-ға», 12 → «12-ге».
    public static func dative(_ n: Int) -> String { "\(n)-" + dativeSuffix(n) }

    /// The ablative ending of `n` without the hyphen: «ден», «дан», «нен», «нан», «тен» or «тан».
    public static func ablativeSuffix(_ n: Int) -> String {
        let word = lastWord(n)
        let last = word.last ?? "а"
        let back = isBack(word)
        if voicelessEnd.contains(last) { return back ? "тан" : "тен" }
        if ["м", "н", "ң"].contains(last) { return back ? "нан" : "нен" }
        return back ? "дан" : "ден"
    }

    /// `n` in digits with its ablative ending: 5 → «5-тен», 10 → «10-нан», 2 → «2-ден».
    public static func ablative(_ n: Int) -> String { "\(n)-" + ablativeSuffix(n) }

    /// Fills the case placeholders of a Kazakh catalogue string: `%1{dative}`, `%1{ablative}` with the
    /// argument's digits and ending when the argument is an integer (the plain digits otherwise).
    static func fillCases(_ text: String, index: Int, argument: String) -> String {
        var text = text
        for (form, ending) in [("dative", dativeSuffix), ("ablative", ablativeSuffix)] {
            let placeholder = "%\(index){\(form)}"
            guard Localizer.occurs(placeholder, in: text) else { continue }
            let filled = Int(argument).map { "\($0)-" + ending($0) } ?? argument
            text = Localizer.replacing(placeholder, with: filled, in: text)
        }
        return text
    }
}
