/**
 * Phones are stored in E.164 (+861058876139) and shown in Chinese national notation: 010-5887 6139 for a
 * landline (area code, then the local number in two groups), 138 0013 8000 for a mobile, 400 820 8820 for a
 * service number. Other countries' numbers keep their international notation. Same rules as
 * ``tools/phone.py::format_phone`` on the server.
 *
 * @param {string} value
 * @returns {string}
 */
export function formatPhone(value) {
    if (!value) {
        return "";
    }
    const digits = String(value).replace(/[\s().-]/g, "");
    const match = /^\+86(\d+)$/.exec(digits);
    if (!match) {
        return String(value);
    }
    const number = match[1];
    if (/^1\d{10}$/.test(number)) {
        return `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
    }
    if (/^[48]00\d{7}$/.test(number)) {
        return `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`;
    }
    const areaLength = /^(10|2\d)/.test(number) ? 2 : 3;
    const area = `0${number.slice(0, areaLength)}`;
    const local = number.slice(areaLength);
    if (local.length === 8) {
        return `${area}-${local.slice(0, 4)} ${local.slice(4)}`;
    }
    if (local.length === 7) {
        return `${area}-${local.slice(0, 3)} ${local.slice(3)}`;
    }
    return local ? `${area}-${local}` : String(value);
}
