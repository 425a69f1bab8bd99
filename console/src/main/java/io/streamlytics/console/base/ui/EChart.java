package io.streamlytics.console.base.ui;

import com.vaadin.flow.component.html.Div;

/**
 * An Apache ECharts chart (the WebJar; Vaadin's npm build does not work here, STACK.md). The option
 * is built on the server ({@link ChartOptions}) and handed over as JSON; the browser loads the
 * library once per page and redraws when the option changes or the chart is resized. The option is
 * also the element's {@code data-option}, so tests can read what is drawn.
 */
public class EChart extends Div {
    static final String LIBRARY = "context://webjars/echarts/5.3.1/dist/echarts.min.js";

    private String option = "{}";

    public EChart(String height) {
        setWidthFull();
        setHeight(height);
        addClassName("echart");
        addAttachListener(
                e -> {
                    e.getUI().getPage().addJavaScript(LIBRARY);
                    draw();
                });
    }

    public void setOption(String json) {
        option = json;
        getElement().setAttribute("data-option", json);
        if (isAttached()) {
            draw();
        }
    }

    public String option() {
        return option;
    }

    private void draw() {
        getElement()
                .executeJs(
                        """
                        const el = this;
                        const option = JSON.parse($0);
                        const draw = () => {
                          if (!window.echarts) { setTimeout(draw, 50); return; }
                          const chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el);
                          chart.setOption(option, true);
                          if (!el.$resizing) {
                            el.$resizing = new ResizeObserver(() => chart.resize());
                            el.$resizing.observe(el);
                          }
                        };
                        draw();
                        """,
                        option);
    }
}
