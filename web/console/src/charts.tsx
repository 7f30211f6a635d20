import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Apache ECharts, only the chart types the console draws (bar, line, pie) and the SVG renderer (sharp when the monthly
 * report is printed). Imported by the pages that chart and nowhere else, so its chunk loads only when one opens.
 */
use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, AriaComponent, SVGRenderer]);

export interface ChartProps {
  option: EChartsCoreOption;
  /** What the chart shows, for screen readers (the figures are also in the table beside it). */
  label: string;
  id?: string;
  /** A click on a bar or a slice: its category name (a region drills down, a class opens its entities). */
  onPick?: (name: string) => void;
}

export function Chart({ option, label, id, onPick }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current === null) return;
    const chart = init(box.current, undefined, { renderer: 'svg' });
    chart.setOption({ aria: { enabled: true }, animation: false, ...option });
    if (onPick !== undefined) chart.on('click', (p) => onPick(String((p as { name?: string }).name ?? '')));
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [JSON.stringify(option)]);
  return <div class="chart" ref={box} role="img" aria-label={label} id={id} />;
}
