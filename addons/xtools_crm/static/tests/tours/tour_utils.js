import { stepUtils } from "@web_tour/tour_service/tour_utils";

/** Open ``menuXmlid`` under the top menu ``sectionXmlid`` of 销售管理. */
export function openMenu(sectionXmlid, menuXmlid) {
    return [
        {
            content: `Open the menu ${sectionXmlid}`,
            trigger: `.o_main_navbar [data-menu-xmlid='${sectionXmlid}']`,
            run: "click",
        },
        {
            content: `Open ${menuXmlid}`,
            trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

/** From the home screen: open 销售管理, which lands on the workbench, then ``menuXmlid`` under ``sectionXmlid``. */
export function openAppMenu(sectionXmlid, menuXmlid) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the XTools CRM app",
            trigger: ".o_app[data-menu-xmlid='xtools_crm.menu_root']",
            run: "click",
        },
        {
            content: "The app opens on the workbench",
            trigger: ".o_xtools_workbench .o_xtools_panel",
        },
        ...openMenu(sectionXmlid, menuXmlid),
    ];
}
