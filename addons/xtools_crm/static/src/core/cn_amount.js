import { user } from "@web/core/user";
import { humanNumber } from "@web/core/utils/numbers";

const UNITS = [
    [1e8, "亿"],
    [1e4, "万"],
];

/**
 * Short amounts the way Chinese sales teams read them: 22.0万, 1.2亿, 8,600 (below 10,000 in full).
 * Users working in another language get Odoo's own short form (220k, 1.20M).
 *
 * @param {number} value
 * @param {Object} [options]
 * @param {number} [options.decimals=1] decimals kept beside the unit
 * @param {string} [options.lang] defaults to the user's language
 * @returns {string}
 */
export function formatShortAmount(value, { decimals = 1, lang = user.lang } = {}) {
    const number = Number(value) || 0;
    if (!(lang || "").startsWith("zh")) {
        return humanNumber(number, { decimals, minDigits: 1 });
    }
    const sign = number < 0 ? "-" : "";
    const abs = Math.abs(number);
    for (const [size, unit] of UNITS) {
        if (abs >= size) {
            return `${sign}${(abs / size).toFixed(decimals)}${unit}`;
        }
    }
    return `${sign}${Math.round(abs).toLocaleString("en-US")}`;
}
