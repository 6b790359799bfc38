import { useMemo } from 'react';
import type { Vm } from '../../../../shared/domain';
import { formatMemory } from '../../../../shared/words';
import { formatVcpus } from '../../../../shared/words/figure-words';
import { useFleet } from '../../../api/queries';
import { useSeriesSet, type SeriesWant } from '../../../api/metrics-series';
import { breakGaps, stackSeries } from '../../../ui/charts/chart-data';
import { LazyTimeSeriesChart } from '../../../ui/charts/LazyTimeSeriesChart';
import { gapFor, layerChartData, type StackLayer } from './metric-tracks';
import { RangePicker } from './RangePicker';
import { useChartWindow } from './use-chart-window';
import './charts-panel.css';

const CHART_HEIGHT = 120;
const NO_VMS: readonly Vm[] = [];

/**
 * A service's CPU and memory as its VMs stacked: CPU as vCPUs kept busy (each VM's CPU % of its own
 * vCPUs × its vCPUs, so a busy 8-vCPU database outweighs a busy 1-vCPU proxy), memory in MiB.
 */
export function ServiceCharts(props: { serviceId: string }) {
  const { serviceId } = props;
  const range = useChartWindow();
  const { from, to } = range;
  const { data: vms = NO_VMS } = useFleet((f) => f.vms.filter((v) => v.service === serviceId));
  const ids = vms.map((v) => `${v.id}@${v.hostId}`).join(',');
  const wants = useMemo<SeriesWant[]>(
    () =>
      vms.flatMap((vm) =>
        (['cpu', 'memory'] as const).map((metric) => ({
          objectId: vm.id,
          metric,
          hostId: vm.hostId,
          kind: 'vm' as const,
        })),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- per set of VMs (ids), not per fleet event
    [ids],
  );
  const { series, loading } = useSeriesSet(wants, range.request, range.key, range.live, to - from);
  const layers = (metric: 'cpu' | 'memory'): StackLayer[] =>
    vms.map((vm, i) => ({
      label: vm.name,
      points: series[i * 2 + (metric === 'cpu' ? 0 : 1)]?.points ?? [],
      scale: metric === 'cpu' ? vm.vcpus / 100 : 1,
    }));
  const stepMs = series[0]?.stepMs ?? 10_000;
  const chart = (metric: 'cpu' | 'memory') =>
    breakGaps(stackSeries(layerChartData(layers(metric))), gapFor(stepMs, range.sampleMs));
  const empty = loading
    ? 'Loading history…'
    : vms.length === 0
      ? 'This service has no VMs yet.'
      : 'No samples of its VMs in this range.';
  return (
    <section
      className="object-charts service-charts"
      aria-label="Service charts"
      data-testid="service-charts"
    >
      <div className="object-charts-head">
        <h3>Its VMs over time</h3>
        <RangePicker choice={range.choice} onChoose={range.choose} />
      </div>
      <LazyTimeSeriesChart
        title="CPU (vCPUs busy, stacked)"
        data={chart('cpu')}
        xRange={[from, to]}
        format={formatVcpus}
        height={CHART_HEIGHT}
        syncKey={`service-${serviceId}`}
        emptyText={empty}
        testId="chart-service-cpu"
      />
      <LazyTimeSeriesChart
        title="Memory (stacked)"
        data={chart('memory')}
        xRange={[from, to]}
        format={formatMemory}
        binary
        height={CHART_HEIGHT}
        syncKey={`service-${serviceId}`}
        emptyText={empty}
        testId="chart-service-memory"
      />
    </section>
  );
}
