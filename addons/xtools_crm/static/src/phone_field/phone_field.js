import { registry } from "@web/core/registry";
import { useInputField } from "@web/views/fields/input_field_hook";
import { PhoneField, formPhoneField, phoneField } from "@web/views/fields/phone/phone_field";
import { formatPhone } from "../core/phone_format";

/**
 * Odoo's phone field showing the stored E.164 number in national notation (010-5887 6139); the link still
 * dials the full number (tel:+861058876139). What the user types is normalised back to E.164 by the server.
 */
export class XtoolsPhoneField extends PhoneField {
    static template = "xtools_crm.PhoneField";

    setup() {
        useInputField({ getValue: () => this.formattedValue });
    }

    get formattedValue() {
        return formatPhone(this.props.record.data[this.props.name] || "");
    }
}

export class XtoolsFormPhoneField extends formPhoneField.component {
    static template = "xtools_crm.FormPhoneField";

    setup() {
        useInputField({ getValue: () => this.formattedValue });
    }

    get formattedValue() {
        return formatPhone(this.props.record.data[this.props.name] || "");
    }
}

registry.category("fields").add("xtools_phone", { ...phoneField, component: XtoolsPhoneField });
registry.category("fields").add("form.xtools_phone", { ...formPhoneField, component: XtoolsFormPhoneField });
