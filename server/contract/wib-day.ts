import { z } from 'zod';
import { isCalendarDate } from '../domain/time.js';

/** A WIB day in a query or body: YYYY-MM-DD and a real date, else a 400 naming the field. */
export const WibDay = z.string().refine(isCalendarDate, 'a real WIB date, YYYY-MM-DD (1970–2200)');
