import Foundation
import Testing
@testable import Localization

@Suite struct KazakhNumberTests {
    /// «1-ден N-ге дейін»: the dative ending follows the Kazakh name of the number's last word.
    @Test func dativeOfOptionCounts() {
        let expected = [
            2: "2-ге", 3: "3-ке", 4: "4-ке", 5: "5-ке", 6: "6-ға", 7: "7-ге", 8: "8-ге", 9: "9-ға",
            10: "10-ға", 11: "11-ге", 12: "12-ге",
        ]
        for (n, text) in expected { #expect(KazakhNumber.dative(n) == text, "\(n)") }
    }

    @Test func dativeOfLargerNumbers() {
        let expected = [
            0: "0-ге", 1: "1-ге", 20: "20-ға", 30: "30-ға", 40: "40-қа", 50: "50-ге", 60: "60-қа", 70: "70-ке",
            80: "80-ге", 90: "90-ға", 100: "100-ге", 105: "105-ке", 340: "340-қа", 1000: "1000-ға",
            2000: "2000-ға", 1_000_000: "1000000-ға", 1_000_000_000: "1000000000-қа",
        ]
        for (n, text) in expected { #expect(KazakhNumber.dative(n) == text, "\(n)") }
    }

    @Test func ablative() {
        let expected = [
            1: "1-ден", 2: "2-ден", 3: "3-тен", 5: "5-тен", 6: "6-дан", 10: "10-нан", 40: "40-тан", 80: "80-нен",
            1000: "1000-нан",
        ]
        for (n, text) in expected { #expect(KazakhNumber.ablative(n) == text, "\(n)") }
    }

    /// The terminal's message for a number out of range, for every option count a question can have.
    @Test func invalidNumberPhraseFor2To12Options() {
        let kk = Localizer(.kk), ru = Localizer(.ru), en = Localizer(.en)
        let ending = [2: "ге", 3: "ке", 4: "ке", 5: "ке", 6: "ға", 7: "ге", 8: "ге", 9: "ға", 10: "ға", 11: "ге", 12: "ге"]
        for n in 2...12 {
            let text = kk(.tInvalidNumber, n)
            #expect(text == "Қате: 1-ден \(n)-\(ending[n]!) дейінгі нөмірді немесе әріпті енгізіңіз.", "\(n)")
            #expect(!text.contains("%") && !text.contains("{"))
            #expect(ru(.tInvalidNumber, n).contains("от 1 до \(n) "))
            #expect(en(.tInvalidNumber, n).contains("from 1 to \(n) "))
        }
    }

    @Test func noPlaceholderLeftInKazakh() {
        #expect(Localizer(.kk)(.reportSmallSample, 5).hasPrefix("⚠ — 5-тен аз жұп:"))
        #expect(Localizer(.kk)(.reportSmallSample, "10").hasPrefix("⚠ — 10-нан аз жұп:"))
        // Every catalogue string uses only the known case placeholders.
        for key in UIString.allCases {
            let kk = key.translations.kk
            for form in kk.components(separatedBy: "{").dropFirst() {
                #expect(form.hasPrefix("dative}") || form.hasPrefix("ablative}"), "\(key)")
            }
        }
    }

    @Test func formalYouAndCaseEndings() {
        let kk = Localizer(.kk)
        #expect(kk(.tSameNameRegistered).hasSuffix("Олардың бірі сіз бе?"))
        #expect(!kk(.tSameNameRegistered).contains("сізсіз"))
        #expect(kk(.reportFlagNegative, "q3", "пре-тест", "-0.21") == "q3: пре-тест нәтижелерінде теріс дискриминация (r = -0.21)")
    }

    /// Placeholders are replaced byte by byte as Foundation's `replacingOccurrences` replaces them:
    /// every occurrence, left to right, next to Kazakh, Russian and English text, at the ends, repeated.
    @Test func placeholdersAreReplacedAsFoundationDoes() {
        let texts = [
            "", "%1", "%1%1", "%%1", "%12", "a %1 b %2 c %1", "«%1{dative}» дейін %1", "Барлығы: %1 минут", "%1{ablative}%1",
            "Итого %1 из %2", "no placeholder", "%", "%2%1%2",
        ]
        for text in texts {
            for placeholder in ["%1", "%2", "%1{dative}", "%1{ablative}"] {
                for value in ["", "5", "қатысушы", "%1", "a%2b"] {
                    #expect(Localizer.replacing(placeholder, with: value, in: text) == text.replacingOccurrences(of: placeholder, with: value), "\(text) \(placeholder) \(value)")
                }
                #expect(Localizer.occurs(placeholder, in: text) == text.contains(placeholder), "\(text) \(placeholder)")
            }
        }
        for key in UIString.allCases {
            for language in Language.allCases {
                let l = Localizer(language)
                var expected = l(key)
                for (index, argument) in ["12", "қ"].enumerated().reversed() {
                    expected = expected.replacingOccurrences(of: "%\(index + 1){dative}", with: Int(argument).map(KazakhNumber.dative) ?? argument)
                    expected = expected.replacingOccurrences(of: "%\(index + 1){ablative}", with: Int(argument).map(KazakhNumber.ablative) ?? argument)
                    expected = expected.replacingOccurrences(of: "%\(index + 1)", with: argument)
                }
                #expect(l(key, "12", "қ") == expected, "\(key) \(language)")
            }
        }
    }
}
