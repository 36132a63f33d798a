import { useId } from 'react'
import { labelEvery, niceScale, shortDay, type DayPoint } from './chart'

const W = 800
const H = 240
const M = { left: 44, right: 40, top: 14, bottom: 28 }
const PLOT_W = W - M.left - M.right
const PLOT_H = H - M.top - M.bottom

const fmt = (n: number) => n.toLocaleString('en-US')

/**
 * Clicks per day as bars (the flagged share darker, at the bottom) and conversions as a line on
 * their own axis at the right: the two differ by an order of magnitude, so one axis would flatten the
 * conversions. Hovering a day shows its figures; the same figures are in the table below the chart.
 */
export function DailyChart({ days }: { days: readonly DayPoint[] }) {
  const titleId = useId()
  const n = Math.max(1, days.length)
  const band = PLOT_W / n
  const barW = Math.max(1, band * 0.68)
  const clicks = niceScale(Math.max(0, ...days.map((d) => d.clicks)))
  const conv = niceScale(Math.max(0, ...days.map((d) => d.conversions)))
  const yClicks = (v: number) => M.top + PLOT_H - (v / clicks.max) * PLOT_H
  const yConv = (v: number) => M.top + PLOT_H - (v / conv.max) * PLOT_H
  const xMid = (i: number) => M.left + band * (i + 0.5)
  const every = labelEvery(days.length)
  const points = days.map((d, i) => `${xMid(i).toFixed(1)},${yConv(d.conversions).toFixed(1)}`).join(' ')
  const first = days[0]?.day
  const last = days[days.length - 1]?.day

  return (
    <svg
      className="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>
        {`Clicks and conversions per day${first && last ? `, ${first} to ${last}` : ''}`}
      </title>
      {clicks.ticks.map((t) => (
        <g key={`c${t}`}>
          <line className="chart-grid" x1={M.left} x2={W - M.right} y1={yClicks(t)} y2={yClicks(t)} />
          <text className="chart-tick" x={M.left - 6} y={yClicks(t) + 4} textAnchor="end">
            {fmt(t)}
          </text>
        </g>
      ))}
      {conv.ticks.map((t) => (
        <text
          key={`v${t}`}
          className="chart-tick chart-tick-conv"
          x={W - M.right + 6}
          y={yConv(t) + 4}
          textAnchor="start"
        >
          {fmt(t)}
        </text>
      ))}
      {days.map((d, i) => {
        // A bar rises from the baseline to its value; the flagged one is drawn over the bottom of the total.
        const bar = (className: string, v: number) => (
          <rect
            className={className}
            x={xMid(i) - barW / 2}
            y={yClicks(v)}
            width={barW}
            height={Math.max(0, M.top + PLOT_H - yClicks(v))}
          />
        )
        return (
          <g key={d.day} className="chart-day">
            <rect className="chart-hover" x={M.left + band * i} y={M.top} width={band} height={PLOT_H}>
              <title>{`${d.day}: ${fmt(d.clicks)} clicks (${fmt(d.flaggedClicks)} flagged), ${fmt(d.conversions)} conversions`}</title>
            </rect>
            {bar('chart-bar', d.clicks)}
            {bar('chart-bar-flagged', d.flaggedClicks)}
            {i % every === 0 ? (
              <text className="chart-tick" x={xMid(i)} y={H - 8} textAnchor="middle">
                {shortDay(d.day)}
              </text>
            ) : null}
          </g>
        )
      })}
      <polyline className="chart-line" points={points} />
      {days.length <= 31
        ? days.map((d, i) => (
            <circle key={d.day} className="chart-dot" cx={xMid(i)} cy={yConv(d.conversions)} r={3} />
          ))
        : null}
      <line className="chart-axis" x1={M.left} x2={W - M.right} y1={M.top + PLOT_H} y2={M.top + PLOT_H} />
    </svg>
  )
}
