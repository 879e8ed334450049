/**
 * ISO 4217 List One alphabetic codes (including fund and precious-metal codes, which are part of
 * the standard). Written out rather than taken from `Intl.supportedValuesOf('currency')` because
 * that list depends on the ICU build of the Node binary and includes withdrawn codes.
 *
 * ANG and BGN are in a changeover (to XCG and EUR); they stay accepted so that late or replayed
 * events from the transition period are not dead-lettered. Codes already withdrawn (HRK, SLL,
 * ZWL, CUC, …) are rejected. One line per initial letter keeps the list reviewable against the
 * published table.
 */
const ISO_4217_CODES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN ' +
    'BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK ' +
    'DJF DKK DOP DZD ' +
    'EGP ERN ETB EUR ' +
    'FJD FKP ' +
    'GBP GEL GHS GIP GMD GNF GTQ GYD ' +
    'HKD HNL HTG HUF ' +
    'IDR ILS INR IQD IRR ISK ' +
    'JMD JOD JPY ' +
    'KES KGS KHR KMF KPW KRW KWD KYD KZT ' +
    'LAK LBP LKR LRD LSL LYD ' +
    'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN ' +
    'NAD NGN NIO NOK NPR NZD ' +
    'OMR ' +
    'PAB PEN PGK PHP PKR PLN PYG ' +
    'QAR ' +
    'RON RSD RUB RWF ' +
    'SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL ' +
    'THB TJS TMT TND TOP TRY TTD TWD TZS ' +
    'UAH UGX USD USN UYI UYU UYW UZS ' +
    'VED VES VND VUV ' +
    'WST ' +
    'XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX ' +
    'YER ' +
    'ZAR ZMW ZWG'
  ).split(' '),
);

/** True for an active ISO 4217 alphabetic code in upper case ("usd" is not a code). */
export function isIsoCurrency(code: string): boolean {
  return ISO_4217_CODES.has(code);
}
