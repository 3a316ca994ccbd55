// ESPHome Builder panel. Generated from frontend/src by frontend/build.mjs: do not edit.
var ut=Object.defineProperty;var ft=Object.getOwnPropertyDescriptor;var c=(r,e,t,i)=>{for(var o=i>1?void 0:i?ft(e,t):e,s=r.length-1,n;s>=0;s--)(n=r[s])&&(o=(i?n(e,t,o):n(o))||o);return i&&o&&ut(e,t,o),o};var ne=globalThis,ae=ne.ShadowRoot&&(ne.ShadyCSS===void 0||ne.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,fe=Symbol(),Pe=new WeakMap,G=class{constructor(e,t,i){if(this._$cssResult$=!0,i!==fe)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(ae&&e===void 0){let i=t!==void 0&&t.length===1;i&&(e=Pe.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),i&&Pe.set(t,e))}return e}toString(){return this.cssText}},Oe=r=>new G(typeof r=="string"?r:r+"",void 0,fe),v=(r,...e)=>{let t=r.length===1?r[0]:e.reduce((i,o,s)=>i+(n=>{if(n._$cssResult$===!0)return n.cssText;if(typeof n=="number")return n;throw Error("Value passed to 'css' function must be a 'css' function result: "+n+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(o)+r[s+1],r[0]);return new G(t,r,fe)},Ie=(r,e)=>{if(ae)r.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let i=document.createElement("style"),o=ne.litNonce;o!==void 0&&i.setAttribute("nonce",o),i.textContent=t.cssText,r.appendChild(i)}},be=ae?r=>r:r=>r instanceof CSSStyleSheet?(e=>{let t="";for(let i of e.cssRules)t+=i.cssText;return Oe(t)})(r):r;var{is:bt,defineProperty:gt,getOwnPropertyDescriptor:mt,getOwnPropertyNames:vt,getOwnPropertySymbols:_t,getPrototypeOf:xt}=Object,le=globalThis,Ne=le.trustedTypes,yt=Ne?Ne.emptyScript:"",$t=le.reactiveElementPolyfillSupport,X=(r,e)=>r,Q={toAttribute(r,e){switch(e){case Boolean:r=r?yt:null;break;case Object:case Array:r=r==null?r:JSON.stringify(r)}return r},fromAttribute(r,e){let t=r;switch(e){case Boolean:t=r!==null;break;case Number:t=r===null?null:Number(r);break;case Object:case Array:try{t=JSON.parse(r)}catch{t=null}}return t}},ce=(r,e)=>!bt(r,e),De={attribute:!0,type:String,converter:Q,reflect:!1,useDefault:!1,hasChanged:ce};Symbol.metadata??=Symbol("metadata"),le.litPropertyMetadata??=new WeakMap;var E=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=De){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let i=Symbol(),o=this.getPropertyDescriptor(e,i,t);o!==void 0&&gt(this.prototype,e,o)}}static getPropertyDescriptor(e,t,i){let{get:o,set:s}=mt(this.prototype,e)??{get(){return this[t]},set(n){this[t]=n}};return{get:o,set(n){let p=o?.call(this);s?.call(this,n),this.requestUpdate(e,p,i)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??De}static _$Ei(){if(this.hasOwnProperty(X("elementProperties")))return;let e=xt(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(X("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(X("properties"))){let t=this.properties,i=[...vt(t),..._t(t)];for(let o of i)this.createProperty(o,t[o])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[i,o]of t)this.elementProperties.set(i,o)}this._$Eh=new Map;for(let[t,i]of this.elementProperties){let o=this._$Eu(t,i);o!==void 0&&this._$Eh.set(o,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let i=new Set(e.flat(1/0).reverse());for(let o of i)t.unshift(be(o))}else e!==void 0&&t.push(be(e));return t}static _$Eu(e,t){let i=t.attribute;return i===!1?void 0:typeof i=="string"?i:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let i of t.keys())this.hasOwnProperty(i)&&(e.set(i,this[i]),delete this[i]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Ie(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,i){this._$AK(e,i)}_$ET(e,t){let i=this.constructor.elementProperties.get(e),o=this.constructor._$Eu(e,i);if(o!==void 0&&i.reflect===!0){let s=(i.converter?.toAttribute!==void 0?i.converter:Q).toAttribute(t,i.type);this._$Em=e,s==null?this.removeAttribute(o):this.setAttribute(o,s),this._$Em=null}}_$AK(e,t){let i=this.constructor,o=i._$Eh.get(e);if(o!==void 0&&this._$Em!==o){let s=i.getPropertyOptions(o),n=typeof s.converter=="function"?{fromAttribute:s.converter}:s.converter?.fromAttribute!==void 0?s.converter:Q;this._$Em=o;let p=n.fromAttribute(t,s.type);this[o]=p??this._$Ej?.get(o)??p,this._$Em=null}}requestUpdate(e,t,i,o=!1,s){if(e!==void 0){let n=this.constructor;if(o===!1&&(s=this[e]),i??=n.getPropertyOptions(e),!((i.hasChanged??ce)(s,t)||i.useDefault&&i.reflect&&s===this._$Ej?.get(e)&&!this.hasAttribute(n._$Eu(e,i))))return;this.C(e,t,i)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:i,reflect:o,wrapped:s},n){i&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,n??t??this[e]),s!==!0||n!==void 0)||(this._$AL.has(e)||(this.hasUpdated||i||(t=void 0),this._$AL.set(e,t)),o===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[o,s]of this._$Ep)this[o]=s;this._$Ep=void 0}let i=this.constructor.elementProperties;if(i.size>0)for(let[o,s]of i){let{wrapped:n}=s,p=this[o];n!==!0||this._$AL.has(o)||p===void 0||this.C(o,void 0,s,p)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(i=>i.hostUpdate?.()),this.update(t)):this._$EM()}catch(i){throw e=!1,this._$EM(),i}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};E.elementStyles=[],E.shadowRootOptions={mode:"open"},E[X("elementProperties")]=new Map,E[X("finalized")]=new Map,$t?.({ReactiveElement:E}),(le.reactiveElementVersions??=[]).push("2.1.2");var $e=globalThis,He=r=>r,de=$e.trustedTypes,Ue=de?de.createPolicy("lit-html",{createHTML:r=>r}):void 0,We="$lit$",P=`lit$${Math.random().toFixed(9).slice(2)}$`,Ke="?"+P,wt=`<${Ke}>`,N=document,te=()=>N.createComment(""),ie=r=>r===null||typeof r!="object"&&typeof r!="function",we=Array.isArray,kt=r=>we(r)||typeof r?.[Symbol.iterator]=="function",ge=`[ 	
\f\r]`,ee=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Je=/-->/g,ze=/>/g,O=RegExp(`>|${ge}(?:([^\\s"'>=/]+)(${ge}*=${ge}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),qe=/'/g,Ve=/"/g,Ze=/^(?:script|style|textarea|title)$/i,ke=r=>(e,...t)=>({_$litType$:r,strings:e,values:t}),l=ke(1),oi=ke(2),si=ke(3),D=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Fe=new WeakMap,I=N.createTreeWalker(N,129);function Be(r,e){if(!we(r)||!r.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ue!==void 0?Ue.createHTML(e):e}var At=(r,e)=>{let t=r.length-1,i=[],o,s=e===2?"<svg>":e===3?"<math>":"",n=ee;for(let p=0;p<t;p++){let a=r[p],u,m,f=-1,C=0;for(;C<a.length&&(n.lastIndex=C,m=n.exec(a),m!==null);)C=n.lastIndex,n===ee?m[1]==="!--"?n=Je:m[1]!==void 0?n=ze:m[2]!==void 0?(Ze.test(m[2])&&(o=RegExp("</"+m[2],"g")),n=O):m[3]!==void 0&&(n=O):n===O?m[0]===">"?(n=o??ee,f=-1):m[1]===void 0?f=-2:(f=n.lastIndex-m[2].length,u=m[1],n=m[3]===void 0?O:m[3]==='"'?Ve:qe):n===Ve||n===qe?n=O:n===Je||n===ze?n=ee:(n=O,o=void 0);let R=n===O&&r[p+1].startsWith("/>")?" ":"";s+=n===ee?a+wt:f>=0?(i.push(u),a.slice(0,f)+We+a.slice(f)+P+R):a+P+(f===-2?p:R)}return[Be(r,s+(r[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),i]},re=class r{constructor({strings:e,_$litType$:t},i){let o;this.parts=[];let s=0,n=0,p=e.length-1,a=this.parts,[u,m]=At(e,t);if(this.el=r.createElement(u,i),I.currentNode=this.el.content,t===2||t===3){let f=this.el.content.firstChild;f.replaceWith(...f.childNodes)}for(;(o=I.nextNode())!==null&&a.length<p;){if(o.nodeType===1){if(o.hasAttributes())for(let f of o.getAttributeNames())if(f.endsWith(We)){let C=m[n++],R=o.getAttribute(f).split(P),se=/([.?@])?(.*)/.exec(C);a.push({type:1,index:s,name:se[2],strings:R,ctor:se[1]==="."?ve:se[1]==="?"?_e:se[1]==="@"?xe:J}),o.removeAttribute(f)}else f.startsWith(P)&&(a.push({type:6,index:s}),o.removeAttribute(f));if(Ze.test(o.tagName)){let f=o.textContent.split(P),C=f.length-1;if(C>0){o.textContent=de?de.emptyScript:"";for(let R=0;R<C;R++)o.append(f[R],te()),I.nextNode(),a.push({type:2,index:++s});o.append(f[C],te())}}}else if(o.nodeType===8)if(o.data===Ke)a.push({type:2,index:s});else{let f=-1;for(;(f=o.data.indexOf(P,f+1))!==-1;)a.push({type:7,index:s}),f+=P.length-1}s++}}static createElement(e,t){let i=N.createElement("template");return i.innerHTML=e,i}};function U(r,e,t=r,i){if(e===D)return e;let o=i!==void 0?t._$Co?.[i]:t._$Cl,s=ie(e)?void 0:e._$litDirective$;return o?.constructor!==s&&(o?._$AO?.(!1),s===void 0?o=void 0:(o=new s(r),o._$AT(r,t,i)),i!==void 0?(t._$Co??=[])[i]=o:t._$Cl=o),o!==void 0&&(e=U(r,o._$AS(r,e.values),o,i)),e}var me=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:i}=this._$AD,o=(e?.creationScope??N).importNode(t,!0);I.currentNode=o;let s=I.nextNode(),n=0,p=0,a=i[0];for(;a!==void 0;){if(n===a.index){let u;a.type===2?u=new oe(s,s.nextSibling,this,e):a.type===1?u=new a.ctor(s,a.name,a.strings,this,e):a.type===6&&(u=new ye(s,this,e)),this._$AV.push(u),a=i[++p]}n!==a?.index&&(s=I.nextNode(),n++)}return I.currentNode=N,o}p(e){let t=0;for(let i of this._$AV)i!==void 0&&(i.strings!==void 0?(i._$AI(e,i,t),t+=i.strings.length-2):i._$AI(e[t])),t++}},oe=class r{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,i,o){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=i,this.options=o,this._$Cv=o?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=U(this,e,t),ie(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==D&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):kt(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&ie(this._$AH)?this._$AA.nextSibling.data=e:this.T(N.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:i}=e,o=typeof i=="number"?this._$AC(e):(i.el===void 0&&(i.el=re.createElement(Be(i.h,i.h[0]),this.options)),i);if(this._$AH?._$AD===o)this._$AH.p(t);else{let s=new me(o,this),n=s.u(this.options);s.p(t),this.T(n),this._$AH=s}}_$AC(e){let t=Fe.get(e.strings);return t===void 0&&Fe.set(e.strings,t=new re(e)),t}k(e){we(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,i,o=0;for(let s of e)o===t.length?t.push(i=new r(this.O(te()),this.O(te()),this,this.options)):i=t[o],i._$AI(s),o++;o<t.length&&(this._$AR(i&&i._$AB.nextSibling,o),t.length=o)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let i=He(e).nextSibling;He(e).remove(),e=i}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},J=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,i,o,s){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=o,this.options=s,i.length>2||i[0]!==""||i[1]!==""?(this._$AH=Array(i.length-1).fill(new String),this.strings=i):this._$AH=d}_$AI(e,t=this,i,o){let s=this.strings,n=!1;if(s===void 0)e=U(this,e,t,0),n=!ie(e)||e!==this._$AH&&e!==D,n&&(this._$AH=e);else{let p=e,a,u;for(e=s[0],a=0;a<s.length-1;a++)u=U(this,p[i+a],t,a),u===D&&(u=this._$AH[a]),n||=!ie(u)||u!==this._$AH[a],u===d?e=d:e!==d&&(e+=(u??"")+s[a+1]),this._$AH[a]=u}n&&!o&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},ve=class extends J{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},_e=class extends J{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},xe=class extends J{constructor(e,t,i,o,s){super(e,t,i,o,s),this.type=5}_$AI(e,t=this){if((e=U(this,e,t,0)??d)===D)return;let i=this._$AH,o=e===d&&i!==d||e.capture!==i.capture||e.once!==i.once||e.passive!==i.passive,s=e!==d&&(i===d||o);o&&this.element.removeEventListener(this.name,this,i),s&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},ye=class{constructor(e,t,i){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=i}get _$AU(){return this._$AM._$AU}_$AI(e){U(this,e)}};var St=$e.litHtmlPolyfillSupport;St?.(re,oe),($e.litHtmlVersions??=[]).push("3.3.3");var Ye=(r,e,t)=>{let i=t?.renderBefore??e,o=i._$litPart$;if(o===void 0){let s=t?.renderBefore??null;i._$litPart$=o=new oe(e.insertBefore(te(),s),s,void 0,t??{})}return o._$AI(r),o};var Ae=globalThis,g=class extends E{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Ye(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return D}};g._$litElement$=!0,g.finalized=!0,Ae.litElementHydrateSupport?.({LitElement:g});var Ct=Ae.litElementPolyfillSupport;Ct?.({LitElement:g});(Ae.litElementVersions??=[]).push("4.2.2");var Et={attribute:!0,type:String,converter:Q,reflect:!1,hasChanged:ce},jt=(r=Et,e,t)=>{let{kind:i,metadata:o}=t,s=globalThis.litPropertyMetadata.get(o);if(s===void 0&&globalThis.litPropertyMetadata.set(o,s=new Map),i==="setter"&&((r=Object.create(r)).wrapped=!0),s.set(t.name,r),i==="accessor"){let{name:n}=t;return{set(p){let a=e.get.call(this);e.set.call(this,p),this.requestUpdate(n,a,r,!0,p)},init(p){return p!==void 0&&this.C(n,void 0,r,p),p}}}if(i==="setter"){let{name:n}=t;return function(p){let a=this[n];e.call(this,p),this.requestUpdate(n,a,r,!0,p)}}throw Error("Unsupported decorator location: "+i)};function h(r){return(e,t)=>typeof t=="object"?jt(r,e,t):((i,o,s)=>{let n=o.hasOwnProperty(s);return o.constructor.createProperty(s,i),n?Object.getOwnPropertyDescriptor(o,s):void 0})(r,e,t)}function b(r){return h({...r,state:!0,attribute:!1})}var H=(r,e,t)=>(t.configurable=!0,t.enumerable=!0,Reflect.decorate&&typeof e!="object"&&Object.defineProperty(r,e,t),t);function j(r,e){return(t,i,o)=>{let s=n=>n.renderRoot?.querySelector(r)??null;if(e){let{get:n,set:p}=typeof i=="object"?t:o??(()=>{let a=Symbol();return{get(){return this[a]},set(u){this[a]=u}}})();return H(t,i,{get(){let a=n.call(this);return a===void 0&&(a=s(this),(a!==null||this.hasUpdated)&&p.call(this,a)),a}})}return H(t,i,{get(){return s(this)}})}}var Lt=new Set(["completed","failed","cancelled"]);function _(r){return Lt.has(r.status)}function V(r){return r&&typeof r=="object"&&"message"in r?String(r.message):String(r)}var Ce={startJob:(r,e,t,i)=>r.sendMessagePromise({type:"esphome_builder/jobs/start",action:e,configuration:t,...i?{device:i}:{}}),cancelJob:(r,e)=>r.sendMessagePromise({type:"esphome_builder/jobs/cancel",job_id:e})};function Ge(r){let e=0;if(r instanceof Map)for(let t of r.keys())typeof t=="number"&&t>e&&(e=t);return e}var z=class z{constructor(e){this._conn=e;this.socket=0;this.floor=0;this._users=0;this._seen=0;this._onDisconnected=()=>{this.socket++;let e=this._conn.oldSubscriptions;this.floor=Math.max(this.floor,e instanceof Map?Ge(e):this._seen),this._seen=0}}static acquire(e){let t=z._all.get(e);return t||(t=new z(e),z._all.set(e,t)),t._users++===0&&(e.addEventListener("disconnected",t._onDisconnected),t.floor=Math.max(t.floor,Ge(e.oldSubscriptions))),t}release(){--this._users===0&&this._conn.removeEventListener("disconnected",this._onDisconnected)}skip(){let e=this._conn;typeof e.commandId=="number"&&e.commandId<this.floor&&(e.commandId=this.floor)}note(){let{commandId:e}=this._conn;typeof e=="number"&&(this._seen=Math.max(this._seen,e))}};z._all=new WeakMap;var Se=z,q=class{constructor(e,t,i,o=()=>{},s=()=>!1){this._conn=e;this._message=t;this._onMessage=i;this._onState=o;this._isFatal=s;this.state="connecting";this.lastError=null;this._unsub=null;this._generation=0;this._timer=null;this._attempt=0;this._stopped=!1;this._onReady=()=>{this._stopped||this.state==="ended"||(this._attempt=0,this._subscribe())};this._onDisconnected=()=>{this._generation++,this._unsub=null,this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._setState("retrying")};this._ids=Se.acquire(e),this._conn.addEventListener("ready",this._onReady),this._conn.addEventListener("disconnected",this._onDisconnected),this._subscribe()}restart(){this._stopped||(this._release(),this._subscribe())}end(){this._stopped||(this._setState("ended"),this.stop())}stop(){this._stopped||(this._stopped=!0,this._conn.removeEventListener("ready",this._onReady),this._conn.removeEventListener("disconnected",this._onDisconnected),this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._release(),this._ids.release())}_release(){this._generation++;let e=this._unsub;this._unsub=null,this._unsubscribe(e)}_unsubscribe(e){!e||e.socket!==this._ids.socket||!this._conn.connected||e.fn().catch(()=>{})}async _subscribe(){if(this._stopped)return;this._timer!==null&&clearTimeout(this._timer),this._timer=null;let e=++this._generation;this.state!=="live"&&this._setState("connecting");try{this._ids.skip();let i={fn:await this._conn.subscribeMessage(o=>{e!==this._generation||this._stopped||(this._ids.note(),this._onMessage(o))},this._message,{resubscribe:!1}),socket:this._ids.socket};if(this._ids.note(),e!==this._generation||this._stopped){this._unsubscribe(i);return}this._unsub=i,this._attempt=0,this.lastError=null,this.state!=="ended"&&this._setState("live")}catch(t){if(e!==this._generation||this._stopped)return;if(this.lastError=V(t),this._isFatal(t)){this._setState("ended"),this.stop();return}if(this._setState("retrying"),this._conn.connected){let i=Math.min(1e3*2**this._attempt++,1e4);this._timer=setTimeout(()=>{this._subscribe()},i)}}}_setState(e){this.state=e,this._onState(this)}};var Mt={queued:"Queued",running:"Running",completed:"Completed",failed:"Failed",cancelled:"Cancelled"};function F(r){return l`<span class="chip ${r.status}" data-status=${r.status}>${Mt[r.status]??r.status}</span>`}function W(r){if(_(r))return d;let e=Math.max(0,Math.min(100,r.progress||0)),t=r.status==="queued"||e===0;return l`<div
    class="progress ${t?"indeterminate":""}"
    role="progressbar"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${t?d:e}
  >
    <div style="width:${e}%"></div>
  </div>`}var Xe=v`
  :host {
    --eb-log-bg: var(--esphome-builder-log-background, #fbfbfb);
    --eb-log-fg: var(--esphome-builder-log-color, #1f2328);
    --eb-marker-bg: rgba(127, 127, 127, 0.14);
    --eb-marker-fg: var(--secondary-text-color, #666);
    --eb-c0: #000000;
    --eb-c1: #c4262e;
    --eb-c2: #107c10;
    --eb-c3: #8a6d00;
    --eb-c4: #0451a5;
    --eb-c5: #a626a4;
    --eb-c6: #0e7490;
    --eb-c7: #5c5c5c;
    --eb-c8: #6e6e6e;
    --eb-c9: #e01b24;
    --eb-c10: #138a13;
    --eb-c11: #9a7b00;
    --eb-c12: #1a66c8;
    --eb-c13: #c030c0;
    --eb-c14: #0f8aa5;
    --eb-c15: #333333;
  }
  :host([dark]) {
    --eb-log-bg: var(--esphome-builder-log-background, #121212);
    --eb-log-fg: var(--esphome-builder-log-color, #d4d4d4);
    --eb-c0: #5a5a5a;
    --eb-c1: #f14c4c;
    --eb-c2: #23d18b;
    --eb-c3: #e5e510;
    --eb-c4: #3b8eea;
    --eb-c5: #d670d6;
    --eb-c6: #29b8db;
    --eb-c7: #cccccc;
    --eb-c8: #808080;
    --eb-c9: #ff6b6b;
    --eb-c10: #3ee6a0;
    --eb-c11: #f5f543;
    --eb-c12: #6aaaf2;
    --eb-c13: #e38de3;
    --eb-c14: #5fd0ec;
    --eb-c15: #f0f0f0;
  }
  .f0 { color: var(--eb-c0); } .f1 { color: var(--eb-c1); } .f2 { color: var(--eb-c2); }
  .f3 { color: var(--eb-c3); } .f4 { color: var(--eb-c4); } .f5 { color: var(--eb-c5); }
  .f6 { color: var(--eb-c6); } .f7 { color: var(--eb-c7); } .f8 { color: var(--eb-c8); }
  .f9 { color: var(--eb-c9); } .f10 { color: var(--eb-c10); } .f11 { color: var(--eb-c11); }
  .f12 { color: var(--eb-c12); } .f13 { color: var(--eb-c13); } .f14 { color: var(--eb-c14); }
  .f15 { color: var(--eb-c15); }
  .b0 { background: var(--eb-c0); } .b1 { background: var(--eb-c1); } .b2 { background: var(--eb-c2); }
  .b3 { background: var(--eb-c3); } .b4 { background: var(--eb-c4); } .b5 { background: var(--eb-c5); }
  .b6 { background: var(--eb-c6); } .b7 { background: var(--eb-c7); } .b8 { background: var(--eb-c8); }
  .b9 { background: var(--eb-c9); } .b10 { background: var(--eb-c10); } .b11 { background: var(--eb-c11); }
  .b12 { background: var(--eb-c12); } .b13 { background: var(--eb-c13); } .b14 { background: var(--eb-c14); }
  .b15 { background: var(--eb-c15); }
  .fi { color: var(--eb-log-bg); }
  .bi { background: var(--eb-log-fg); }
  .bo { font-weight: 700; }
  .dm { opacity: 0.7; }
  .it { font-style: italic; }
  .un { text-decoration: underline; }
  .st { text-decoration: line-through; }
  .un.st { text-decoration: underline line-through; }
  /* ESPHome's log levels, for lines that carry no colour of their own. */
  .lv-e { color: var(--eb-c1); font-weight: 700; }
  .lv-w { color: var(--eb-c3); font-weight: 700; }
  .lv-i { color: var(--eb-c2); }
  .lv-c { color: var(--eb-c5); }
  .lv-d { color: var(--eb-c6); }
  .lv-v { color: var(--eb-c7); }
  .lv-s { color: var(--eb-c2); font-weight: 700; }
`,S=v`
  :host {
    color: var(--primary-text-color);
  }
  button.eb {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 12px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    border-radius: 16px;
    background: transparent;
    color: var(--primary-color);
    font: inherit;
    font-size: 14px;
    font-weight: 500;
    cursor: pointer;
    white-space: nowrap;
  }
  button.eb:hover:not([disabled]) {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.08);
  }
  button.eb:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
  button.eb[disabled] {
    color: var(--disabled-text-color, #999);
    cursor: default;
  }
  button.eb.primary {
    background: var(--primary-color);
    border-color: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  button.eb.danger {
    color: var(--error-color, #db4437);
  }
  .card {
    background: var(--card-background-color, var(--ha-card-background, #fff));
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 500;
    line-height: 18px;
    white-space: nowrap;
    background: rgba(127, 127, 127, 0.15);
    color: var(--primary-text-color);
  }
  .chip.running,
  .chip.queued {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.15);
    color: var(--primary-color);
  }
  .chip.completed {
    background: rgba(var(--rgb-success-color, 67, 160, 71), 0.15);
    color: var(--success-color, #43a047);
  }
  .chip.failed {
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.15);
    color: var(--error-color, #db4437);
  }
  .chip.cancelled {
    background: rgba(var(--rgb-warning-color, 255, 166, 0), 0.15);
    color: var(--warning-color, #ffa600);
  }
  .progress {
    height: 4px;
    border-radius: 2px;
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.18);
    overflow: hidden;
  }
  .progress > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.3s ease;
  }
  .progress.indeterminate > div {
    width: 30% !important;
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from { transform: translateX(-100%); }
    to { transform: translateX(340%); }
  }
  .secondary {
    color: var(--secondary-text-color);
  }
  .empty {
    padding: 32px 16px;
    text-align: center;
    color: var(--secondary-text-color);
  }
`;function Tt(r){if(!Number.isFinite(r)||r<0)return"";let e=Math.floor(r/1e3);if(e<60)return`${e}s`;let t=Math.floor(e/60);return t<60?`${t}m ${String(e%60).padStart(2,"0")}s`:`${Math.floor(t/60)}h ${String(t%60).padStart(2,"0")}m`}function K(r,e){let t=Date.parse(r.started_at??r.created_at);if(Number.isNaN(t))return"";let i=r.finished_at?Date.parse(r.finished_at):e;return Tt(i-t)}function pe(r,e){if(!r)return"";let t=new Date(r);if(Number.isNaN(t.getTime()))return"";let i=new Date().toDateString()===t.toDateString();return t.toLocaleString(e,i?{timeStyle:"short"}:{dateStyle:"short",timeStyle:"short"})}var L={validate:"Validate",compile:"Compile",upload:"Upload",install:"Install",clean:"Clean",logs:"Logs"};function Z(r,e=!1){e?history.replaceState(null,"",r):history.pushState(null,"",r),window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:e}}))}function B(r,e){r.dispatchEvent(new CustomEvent("hass-notification",{detail:{message:e},bubbles:!0,composed:!0}))}async function Qe(r){if(navigator.clipboard&&window.isSecureContext){await navigator.clipboard.writeText(r);return}let e=document.createElement("textarea");e.value=r,e.setAttribute("readonly",""),e.style.position="fixed",e.style.opacity="0",document.body.appendChild(e),e.select();try{if(!document.execCommand("copy"))throw new Error("copy refused")}finally{e.remove()}}function et(r,e){let t=URL.createObjectURL(new Blob([e],{type:"text/plain;charset=utf-8"})),i=document.createElement("a");i.href=t,i.download=r,document.body.appendChild(i),i.click(),i.remove(),setTimeout(()=>URL.revokeObjectURL(t),1e4)}function $(r,e){customElements.get(r)||customElements.define(r,e)}var Rt=["validate","install","compile","clean","logs"];function Ee(r){return r.friendly_name||r.name||r.configuration}var M=class extends g{constructor(){super(...arguments);this.devices=[];this.latest=new Map;this.now=Date.now();this.loading=!1;this._filter=""}_matches(t,i){let o=[t.friendly_name,t.name,t.configuration,t.platform].filter(Boolean).join(" ").toLowerCase();return i.every(s=>o.includes(s))}_fire(t,i){this.dispatchEvent(new CustomEvent(t,{detail:i,bubbles:!0,composed:!0}))}render(){let t=this._filter.toLowerCase().split(/\s+/).filter(Boolean),i=[...this.devices].sort((o,s)=>Ee(o).localeCompare(Ee(s))).filter(o=>this._matches(o,t));return l`
      <div class="filter">
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5,3A6.5,6.5 0 0,1 16,9.5C16,11.11 15.41,12.59 14.44,13.73L14.71,14H15.5L20.5,19L19,20.5L14,15.5V14.71L13.73,14.44C12.59,15.41 11.11,16 9.5,16A6.5,6.5 0 0,1 3,9.5A6.5,6.5 0 0,1 9.5,3M9.5,5C7,5 5,7 5,9.5C5,12 7,14 9.5,14C12,14 14,12 14,9.5C14,7 12,5 9.5,5Z" /></svg>
        <input type="search" placeholder="Filter devices" aria-label="Filter devices" .value=${this._filter}
          @input=${o=>this._filter=o.target.value} />
      </div>
      ${i.length?l`<div class="grid">${i.map(o=>this._renderDevice(o))}</div>`:l`<div class="empty">
            ${this.loading?"Loading…":this.devices.length?"No device matches the filter.":"No configurations yet. Put your device YAML files into the configurations folder."}
          </div>`}
    `}_renderDevice(t){let i=this.latest.get(t.configuration),o=t.ha_device_id!=null,s=t.online===!0?!0:o&&t.online===!1?!1:null,n=s===!0?"Online":s===!1?"Offline":"Not in HA",p=i!==void 0&&!_(i);return l`
      <div class="card device" data-configuration=${t.configuration}>
        <div class="head">
          <div class="names">
            <div class="title">${Ee(t)}</div>
            <div class="secondary">${t.configuration}${t.platform?l` · <span class="platform">${t.platform}</span>`:d}${t.remote?l` · <span class="remote" title="Only on a remote builder">remote on ${(t.builders??[]).join(", ")}</span>`:d}</div>
          </div>
          <span class="online ${s===!0?"on":s===!1?"off":"unknown"}"
            title=${s==null?"Not known to Home Assistant's ESPHome integration":n}>
            <span class="dot"></span>${n}
          </span>
        </div>
        ${i?l`<button class="job" @click=${()=>this._fire("eb-open-job",i.job_id)} title="Show the log">
              <span class="job-line">
                <span>${L[i.action]??i.action}</span>
                ${F(i)}
                <span class="secondary">${K(i,this.now)}</span>
                ${p&&i.progress?l`<span class="secondary">${i.progress}%</span>`:d}
              </span>
              ${W(i)}
            </button>`:l`<div class="job none secondary">No job yet</div>`}
        <div class="actions">
          ${Rt.map(a=>l`<button class="eb ${a==="install"?"primary":""}" data-action=${a}
              @click=${()=>this._fire("eb-action",{action:a,configuration:t.configuration})}>
              ${L[a]}${a==="install"||a==="logs"?"…":""}
            </button>`)}
        </div>
      </div>
    `}};M.styles=[S,v`
      :host {
        display: block;
      }
      .filter {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 0 0 16px;
        padding: 0 12px;
        height: 44px;
        border-radius: 22px;
        background: var(--card-background-color, #fff);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
      }
      .filter svg {
        width: 20px;
        height: 20px;
        fill: var(--secondary-text-color);
        flex: none;
      }
      .filter input {
        flex: 1;
        min-width: 0;
        border: none;
        outline: none;
        background: transparent;
        color: var(--primary-text-color);
        font: inherit;
        font-size: 15px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr));
        gap: 16px;
      }
      .device {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 16px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 12px;
      }
      .names {
        flex: 1;
        min-width: 0;
      }
      .title {
        font-size: 16px;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .secondary {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .online {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--secondary-text-color);
        white-space: nowrap;
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--disabled-text-color, #999);
      }
      .online.on .dot {
        background: var(--success-color, #43a047);
      }
      .online.off .dot {
        background: var(--error-color, #db4437);
      }
      .job {
        display: flex;
        flex-direction: column;
        gap: 6px;
        box-sizing: border-box;
        width: 100%;
        padding: 8px 10px;
        border: none;
        border-radius: 8px;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .job.none {
        cursor: default;
        font-size: 13px;
      }
      .job-line {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
    `],c([h({attribute:!1})],M.prototype,"devices",2),c([h({attribute:!1})],M.prototype,"latest",2),c([h({type:Number})],M.prototype,"now",2),c([h({type:Boolean})],M.prototype,"loading",2),c([b()],M.prototype,"_filter",2);$("esphome-builder-devices",M);function Y(){return{fg:null,bg:null,bold:!1,dim:!1,italic:!1,underline:!1,inverse:!1,strike:!1}}function Pt(r){return r.fg===null&&r.bg===null&&!r.bold&&!r.dim&&!r.italic&&!r.underline&&!r.inverse&&!r.strike}var tt=/\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]|$)/g,it=/[\x00-\x08\x0a-\x1f\x7f]/g;function Ot(r){if(r>=232){let i=8+(r-232)*10;return`rgb(${i},${i},${i})`}let e=r-16,t=i=>i===0?0:55+i*40;return`rgb(${t(Math.floor(e/36))},${t(Math.floor(e/6)%6)},${t(e%6)})`}function It(r){return Math.max(0,Math.min(255,Number.isFinite(r)?r:0))}function Nt(r,e){let t=r[e];if(t===5&&e+1<r.length){let i=r[e+1];return i<0||i>255?{colour:null,used:2}:{colour:i<16?i:Ot(i),used:2}}if(t===2&&e+3<r.length){let[i,o,s]=[r[e+1],r[e+2],r[e+3]].map(It);return{colour:`rgb(${i},${o},${s})`,used:4}}return{colour:null,used:r.length-e}}function Dt(r,e){let t=e===""?[0]:e.split(/[;:]/).map(i=>i===""?0:Number(i));for(let i=0;i<t.length;i++){let o=t[i];if(o===0)Object.assign(r,Y());else if(o===1)r.bold=!0;else if(o===2)r.dim=!0;else if(o===3)r.italic=!0;else if(o===4)r.underline=!0;else if(o===7)r.inverse=!0;else if(o===9)r.strike=!0;else if(o===21||o===22)r.bold=!1,r.dim=!1;else if(o===23)r.italic=!1;else if(o===24)r.underline=!1;else if(o===27)r.inverse=!1;else if(o===29)r.strike=!1;else if(o>=30&&o<=37)r.fg=o-30;else if(o===39)r.fg=null;else if(o>=40&&o<=47)r.bg=o-40;else if(o===49)r.bg=null;else if(o>=90&&o<=97)r.fg=o-90+8;else if(o>=100&&o<=107)r.bg=o-100+8;else if(o===38||o===48){let{colour:s,used:n}=Nt(t,i+1);o===38?r.fg=s:r.bg=s,i+=n}}}function rt(r,e){if(Pt(e))return{text:r,cls:"",style:""};let t=e.fg,i=e.bg,o=[],s=[];return e.inverse&&([t,i]=[i,t],t===null&&o.push("fi"),i===null&&o.push("bi")),typeof t=="number"?o.push(`f${t}`):typeof t=="string"&&s.push(`color:${t}`),typeof i=="number"?o.push(`b${i}`):typeof i=="string"&&s.push(`background-color:${i}`),e.bold&&o.push("bo"),e.dim&&o.push("dm"),e.italic&&o.push("it"),e.underline&&o.push("un"),e.strike&&o.push("st"),{text:r,cls:o.join(" "),style:s.join(";")}}function ot(r,e){let t=[];if(!r.includes("\x1B")){let n=r.replace(it,"");return n&&t.push(rt(n,e)),t}let i=0;tt.lastIndex=0;let o,s=n=>{let p=n.replace(it,"");if(!p)return;let a=rt(p,e),u=t[t.length-1];u&&u.cls===a.cls&&u.style===a.style?u.text+=p:t.push(a)};for(;(o=tt.exec(r))!==null;)s(r.slice(i,o.index)),i=o.index+o[0].length,o[2]==="m"&&/^[0-9;:]*$/.test(o[1]??"")&&Dt(e,o[1]??"");return s(r.slice(i)),t}var st=/^\.\.\. \[output trimmed: (\d+) earlier line\(s\) elided\]$/;function Ht(r){return`... [output trimmed: ${r} earlier line(s) elided]`}function Ut(r){return`... [${r} line(s) skipped: output came faster than it could be sent]`}function Jt(r){return`... [${r} earlier line(s) not kept by the viewer]`}var zt=/^(?:\[\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\])?\[(VV|V|D|C|I|W|E)\]\[/,qt=/^(ERROR|CRITICAL|WARNING|INFO|DEBUG)\s/,Vt=/\[(SUCCESS|FAILED|ERROR)\]/;function Ft(r){let e=zt.exec(r);if(e)return e[1]==="VV"?"v":e[1].toLowerCase();if(e=qt.exec(r),e)switch(e[1]){case"ERROR":case"CRITICAL":return"e";case"WARNING":return"w";case"INFO":return"i";default:return"d"}return(r.startsWith("=")||r.startsWith("*"))&&(e=Vt.exec(r),e)?e[1]==="SUCCESS"?"s":"e":null}var Wt=2e4,he=class{constructor(e=Wt){this.dropped=0;this.version=0;this._lines=[];this._state=Y();this._transient=!1;this._nextId=0;this.maxLines=Math.max(1,e)}get rowCount(){return this._lines.length+(this.dropped>0?1:0)}row(e){if(this.dropped>0){if(e===0){let t=Jt(this.dropped);return{id:-1,kind:"marker",text:t,segments:[{text:t,cls:"",style:""}],level:null}}return this._lines[e-1]}return this._lines[e]}rowOf(e){let t=this._lines.length?this._lines[0].id:this._nextId,i=e-t;return i<0||i>=this._lines.length?-1:i+(this.dropped>0?1:0)}get lineCount(){return this._lines.length}reset(e=[],t=0){this._lines=[],this._state=Y(),this._transient=!1,this.dropped=0,t>0&&!(e.length&&st.test(e[0]))&&this.addMarker(Ht(t)),this.append(e)}append(e,t=0){t>0&&this.addMarker(Ut(t));for(let i of e)this._appendOne(i);this._bound(),this.version++}addMarker(e){this._transient=!1,this._state=Y(),this._lines.push({id:this._nextId++,kind:"marker",text:e,segments:[{text:e,cls:"",style:""}],level:null}),this._bound(),this.version++}plainText(){let e=[];for(let t=0;t<this.rowCount;t++)e.push(this.row(t).text);return e.length?e.join(`
`)+`
`:""}_appendOne(e){let t=e.endsWith("\r"),i=t?e.slice(0,-1):e;if(this._transient&&this._lines.pop(),this._transient=t,st.test(i)){this._state=Y(),this._lines.push({id:this._nextId++,kind:"marker",text:i,segments:[{text:i,cls:"",style:""}],level:null});return}let o=ot(i,this._state),s=o.length===1?o[0].text:o.map(n=>n.text).join("");this._lines.push({id:this._nextId++,kind:"text",text:s,segments:o,level:Ft(s)})}_bound(){if(this._lines.length<=2*this.maxLines)return;let e=this._lines.length-this.maxLines;this._lines=this._lines.slice(e),this.dropped+=e}};var w=18,nt=20,k=class extends g{constructor(){super(...arguments);this.version=0;this.placeholder="";this._following=!0;this._scrollTop=0;this._viewport=400;this._anchorId=-1;this._anchorOffset=0;this._target=0;this._scrollFrame=0;this._onScroll=()=>{this._scrollFrame||(this._scrollFrame=requestAnimationFrame(()=>{this._scrollFrame=0;let t=this._scroller;if(!t||!this.model)return;let i=t.scrollTop,o=i+t.clientHeight>=t.scrollHeight-w/2;this._following=o;let s=Math.floor(i/w),n=s<this.model.rowCount?this.model.row(s):void 0;this._anchorId=n&&n.id>=0?n.id:-1,this._anchorOffset=i-s*w,this._scrollTop=i}))};this._onWheel={handleEvent:t=>{t.deltaY<0&&this._following&&this._pause()},passive:!0};this._onKey=t=>{t.key==="End"?(t.preventDefault(),this.jumpToEnd()):["ArrowUp","PageUp","Home"].includes(t.key)&&this._following&&this._pause()}}get following(){return this._following}get renderedRows(){return this.renderRoot?.querySelectorAll(".row").length??0}jumpToEnd(){this._following=!0,this.requestUpdate()}connectedCallback(){super.connectedCallback(),this._resize=new ResizeObserver(()=>{let t=this._scroller?.clientHeight??0;t&&t!==this._viewport&&(this._viewport=t)})}disconnectedCallback(){super.disconnectedCallback(),this._resize?.disconnect(),this._scrollFrame&&cancelAnimationFrame(this._scrollFrame),this._scrollFrame=0}firstUpdated(){this._scroller&&(this._resize?.observe(this._scroller),this._viewport=this._scroller.clientHeight||this._viewport)}willUpdate(t){let i=this.model?.rowCount??0,o=Math.max(0,i*w-this._viewport);if(this._following)this._target=o;else{let s=this._anchorId>=0&&this.model?this.model.rowOf(this._anchorId):-1;this._target=s>=0?Math.min(o,s*w+this._anchorOffset):Math.min(this._scrollTop,o)}this._scrollTop=this._target}updated(){let t=this._scroller;t&&Math.abs(t.scrollTop-this._target)>=1&&(t.scrollTop=this._target)}_pause(){let t=this._scroller;if(!t||!this.model)return;let i=t.scrollTop,o=Math.min(Math.floor(i/w),this.model.rowCount-1),s=o>=0?this.model.row(o):void 0;this._anchorId=s&&s.id>=0?s.id:-1,this._anchorOffset=i-o*w,this._following=!1}render(){let t=this.model,i=t?.rowCount??0,o=Math.max(0,Math.floor(this._scrollTop/w)-nt),s=Math.min(i,Math.ceil((this._scrollTop+this._viewport)/w)+nt),n=[];for(let p=o;p<s;p++)n.push(t.row(p));return l`
      <div class="scroller" tabindex="0" role="log" aria-live="off" @scroll=${this._onScroll} @wheel=${this._onWheel}
        @keydown=${this._onKey}>
        <div class="spacer" style="height:${i*w}px">
          <div class="rows" style="transform:translateY(${o*w}px)">
            ${n.map(p=>this._renderRow(p))}
          </div>
        </div>
        ${i===0&&this.placeholder?l`<div class="placeholder">${this.placeholder}</div>`:d}
      </div>
      ${this._following||i===0?d:l`<button class="jump" @click=${this.jumpToEnd}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7.41,8.58L12,13.17L16.59,8.58L18,10L12,16L6,10L7.41,8.58Z" /></svg>
            Jump to end
          </button>`}
    `}_renderRow(t){let i=t.kind==="marker"?"row marker":t.level?`row lv-${t.level}`:"row";return l`<div class=${i}>${t.segments.map(o=>o.cls||o.style?l`<span class=${o.cls} style=${o.style}>${o.text}</span>`:o.text)}</div>`}};k.styles=[Xe,v`
      :host {
        display: block;
        position: relative;
        min-height: 0;
        background: var(--eb-log-bg);
        color: var(--eb-log-fg);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
        border-radius: var(--ha-card-border-radius, 12px);
        overflow: hidden;
      }
      .scroller {
        position: absolute;
        inset: 0;
        overflow: auto;
        font-family: var(--code-font-family, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
        font-size: 12.5px;
        outline: none;
        overscroll-behavior: contain;
      }
      .spacer {
        position: relative;
        min-width: 100%;
        width: max-content;
      }
      .rows {
        padding: 0 12px;
        will-change: transform;
      }
      .row {
        height: 18px;
        line-height: 18px;
        white-space: pre;
        overflow: hidden;
      }
      .marker {
        color: var(--eb-marker-fg);
        font-style: italic;
        background: var(--eb-marker-bg);
        margin: 0 -12px;
        padding: 0 12px;
      }
      .placeholder {
        position: absolute;
        inset: 16px;
        color: var(--secondary-text-color);
        font-family: var(--paper-font-body1_-_font-family, inherit);
      }
      .jump {
        position: absolute;
        right: 16px;
        bottom: 16px;
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 8px 14px 8px 10px;
        border: none;
        border-radius: 18px;
        background: var(--primary-color);
        color: var(--text-primary-color, #fff);
        font: inherit;
        font-weight: 500;
        cursor: pointer;
        box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
      }
      .jump svg {
        width: 18px;
        height: 18px;
        fill: currentColor;
      }
    `],c([h({attribute:!1})],k.prototype,"model",2),c([h({type:Number})],k.prototype,"version",2),c([h()],k.prototype,"placeholder",2),c([b()],k.prototype,"_following",2),c([b()],k.prototype,"_scrollTop",2),c([b()],k.prototype,"_viewport",2),c([j(".scroller")],k.prototype,"_scroller",2);$("esphome-builder-log",k);var Kt=new Set(["unknown_command","timeout","home_assistant_error","unknown_error"]);function Zt(r,e){return r?e?_(e)&&!_(r)?{...r,...e}:{...e,...r}:r:e}var x=class extends g{constructor(){super(...arguments);this.jobId="";this.narrow=!1;this.dark=!1;this.cancelling=!1;this.now=Date.now();this._version=0;this._error="";this._live=!1;this.model=new he;this._frame=0}connectedCallback(){super.connectedCallback(),this.hasUpdated&&this.hass&&this.jobId&&!this._sub&&this._follow()}disconnectedCallback(){super.disconnectedCallback(),this._sub?.stop(),this._sub=void 0,this._frame&&cancelAnimationFrame(this._frame),this._frame=0}willUpdate(t){!this.isConnected||!this.hass||!this.jobId||(t.has("jobId")||!this._sub)&&this._follow()}_follow(){if(this._sub?.stop(),this._sub=void 0,this.model.reset(),this._followed=void 0,this._error="",this._live=!1,this._version++,!this.hass||!this.jobId)return;let t=this.jobId;this._sub=new q(this.hass.connection,{type:"esphome_builder/jobs/follow",job_id:t},i=>this._onMessage(i),i=>{this._live=i.state==="live",i.state==="ended"&&i.lastError?this._error=i.lastError:i.state==="live"&&(this._error="")},i=>!Kt.has(i?.code??""))}_onMessage(t){switch(t.type){case"history":this.model.reset(t.lines,t.elided),this._followed=t.job;break;case"output":this.model.append(t.lines,t.skipped);break;case"progress":this._followed&&(this._followed={...this._followed,progress:t.progress});break;case"status":this._followed=t.job;break;case"result":(this._followed||t.job)&&(this._followed={...this._followed??t.job,...t.job??{},status:t.status,exit_code:t.exit_code,error:t.error}),this._sub?.end();break;case"resync_required":this._sub?.restart();break}this._scheduleRender()}_scheduleRender(){this._frame||(this._frame=requestAnimationFrame(()=>{this._frame=0,this._version=this.model.version}))}get _job(){return Zt(this.job,this._followed)}_fileName(t){return`${(t?.configuration??"job").replace(/\.ya?ml$/,"")}-${t?.action??"log"}-${this.jobId}.log`.replace(/[^\w.-]+/g,"_")}async _copy(){try{await Qe(this.model.plainText()),B(this,"Log copied to the clipboard")}catch(t){B(this,`Could not copy the log: ${V(t)}`)}}_download(){et(this._fileName(this._job),this.model.plainText())}_fire(t,i){this.dispatchEvent(new CustomEvent(t,{detail:i,bubbles:!0,composed:!0}))}render(){let t=this._job,i=t?_(t):!1,o=this._error?"":t?i?"This job printed nothing.":"Waiting for output…":"Connecting…";return l`
      <div class="card header">
        <div class="top">
          <button class="eb back" @click=${()=>this._fire("eb-back")} title="All jobs" aria-label="All jobs">
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20,11V13H8L13.5,18.5L12.08,19.92L4.16,12L12.08,4.08L13.5,5.5L8,11H20Z" /></svg>
          </button>
          <div class="what">
            <div class="title">${t?l`${L[t.action]??t.action} <b>${t.configuration}</b>`:this.jobId}</div>
            ${t?l`<div class="meta secondary">
                  ${F(t)}
                  <span>${pe(t.created_at,this.hass?.language)}</span>
                  <span class="duration">${K(t,this.now)}</span>
                  ${!i&&t.progress?l`<span>${t.progress}%</span>`:d}
                  ${t.device?l`<span>→ ${t.device}</span>`:d}
                  ${i&&t.exit_code!=null?l`<span>exit code ${t.exit_code}</span>`:d}
                  ${!i&&!this._live?l`<span class="reconnecting">reconnecting…</span>`:d}
                </div>`:d}
          </div>
          <div class="buttons">
            ${t&&!i?l`<button class="eb danger cancel" ?disabled=${this.cancelling}
                  @click=${()=>this._fire("eb-cancel-job",this.jobId)}>${this.cancelling?"Cancelling…":"Cancel"}</button>`:d}
            <button class="eb copy" @click=${this._copy} title="Copy the log">Copy</button>
            <button class="eb download" @click=${this._download} title="Download the log">Download</button>
          </div>
        </div>
        ${t?W(t):d}
        ${t?.error?l`<div class="error job-error">${t.error}</div>`:d}
        ${this._error?l`<div class="error follow-error">${this._error}</div>`:d}
      </div>
      <esphome-builder-log
        .model=${this.model}
        .version=${this._version}
        .placeholder=${o}
        ?dark=${this.dark}
      ></esphome-builder-log>
    `}get log(){return this._log}};x.styles=[S,v`
      :host {
        display: flex;
        flex-direction: column;
        gap: 12px;
        min-height: 0;
        height: 100%;
      }
      .header {
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 10px 12px;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .back {
        padding: 0;
        width: 36px;
        min-height: 36px;
        border-radius: 50%;
        border: none;
        color: var(--primary-text-color);
      }
      .back svg {
        width: 22px;
        height: 22px;
        fill: currentColor;
      }
      .what {
        flex: 1;
        min-width: 180px;
      }
      .title {
        font-size: 16px;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
        margin-top: 2px;
        font-size: 13px;
      }
      .reconnecting {
        color: var(--warning-color, #ffa600);
      }
      .buttons {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .error {
        padding: 8px 12px;
        border-radius: 8px;
        background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
        color: var(--error-color, #db4437);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      esphome-builder-log {
        flex: 1;
        min-height: 240px;
      }
    `],c([h({attribute:!1})],x.prototype,"hass",2),c([h()],x.prototype,"jobId",2),c([h({attribute:!1})],x.prototype,"job",2),c([h({type:Boolean})],x.prototype,"narrow",2),c([h({type:Boolean})],x.prototype,"dark",2),c([h({type:Boolean})],x.prototype,"cancelling",2),c([h({type:Number})],x.prototype,"now",2),c([b()],x.prototype,"_followed",2),c([b()],x.prototype,"_version",2),c([b()],x.prototype,"_error",2),c([b()],x.prototype,"_live",2),c([j("esphome-builder-log")],x.prototype,"_log",2);$("esphome-builder-job",x);var T=class extends g{constructor(){super(...arguments);this.jobs=[];this.cancelling=new Set;this.now=Date.now();this.loading=!1}_fire(t,i){this.dispatchEvent(new CustomEvent(t,{detail:i,bubbles:!0,composed:!0}))}render(){let t=this.jobs.filter(o=>!_(o)),i=this.jobs.filter(o=>_(o));return this.jobs.length?l`
      ${t.length?l`<h2>Active</h2>
            <div class="card list">${t.map(o=>this._renderJob(o))}</div>`:d}
      ${i.length?l`<h2>Recent</h2>
            <div class="card list">${i.map(o=>this._renderJob(o))}</div>`:d}
    `:l`<div class="empty">${this.loading?"Loading…":"No jobs yet. Start one from the devices view."}</div>`}_renderJob(t){let i=this.cancelling.has(t.job_id);return l`
      <div class="job" data-job-id=${t.job_id} data-status=${t.status}>
        <button class="open" @click=${()=>this._fire("eb-open-job",t.job_id)} title="Show the log">
          <span class="line">
            ${F(t)}
            <span class="what">${L[t.action]??t.action} <b>${t.configuration}</b></span>
          </span>
          <span class="line secondary">
            <span>${pe(t.created_at,this.language)}</span>
            <span>${K(t,this.now)}</span>
            ${t.status==="running"&&t.progress?l`<span>${t.progress}%</span>`:d}
            ${t.device?l`<span>→ ${t.device}</span>`:d}
            ${t.builder&&t.builder!=="local"?l`<span>on ${t.builder}</span>`:d}
          </span>
          ${W(t)}
        </button>
        ${_(t)?d:l`<button class="eb danger cancel" ?disabled=${i}
              @click=${()=>this._fire("eb-cancel-job",t.job_id)}>${i?"Cancelling…":"Cancel"}</button>`}
      </div>
    `}};T.styles=[S,v`
      :host {
        display: block;
      }
      h2 {
        margin: 8px 4px 8px;
        font-size: 14px;
        font-weight: 500;
        text-transform: uppercase;
        letter-spacing: 0.05em;
        color: var(--secondary-text-color);
      }
      .list {
        margin-bottom: 24px;
        overflow: hidden;
      }
      .job {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 0 16px 0 0;
      }
      .job + .job {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .open {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 12px 16px;
        border: none;
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .open:hover {
        background: rgba(127, 127, 127, 0.06);
      }
      .line {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .what {
        overflow-wrap: anywhere;
      }
      .line.secondary {
        font-size: 13px;
      }
      .progress {
        max-width: 480px;
      }
    `],c([h({attribute:!1})],T.prototype,"jobs",2),c([h({attribute:!1})],T.prototype,"cancelling",2),c([h({type:Number})],T.prototype,"now",2),c([h({type:Boolean})],T.prototype,"loading",2),c([h()],T.prototype,"language",2);$("esphome-builder-jobs",T);var Bt=200,je=Object.freeze({devices:[],jobs:[],loaded:!1});function at(r){return r.sort((e,t)=>e.created_at<t.created_at?1:e.created_at>t.created_at?-1:0)}function Yt(r,e){let t=r.findIndex(o=>o.job_id===e.job_id),i=[...r];return t>=0?i[t]=e:i.unshift(e),at(i).slice(0,Bt)}function Gt(r,e){switch(e.type){case"initial_state":return{devices:[...e.devices],jobs:at([...e.jobs]),loaded:!0};case"device_added":case"device_updated":{let t=r.devices.filter(i=>i.configuration!==e.device.configuration);return{...r,devices:[...t,e.device]}}case"device_removed":return{...r,devices:r.devices.filter(t=>t.configuration!==e.device.configuration)};case"resync_required":return r;default:return!e.type.startsWith("job_")||!("job"in e)||!e.job?r:{...r,jobs:Yt(r.jobs,e.job)}}}function lt(r){let e=new Map;for(let t of r)e.has(t.configuration)||e.set(t.configuration,t);return e}function Le(r){return r.reduce((e,t)=>_(t)?e:e+1,0)}var ue=class{constructor(e,t,i=je){this.conn=e;this._onChange=t;this.resyncs=0;this._stopped=!1;this._onDisconnected=()=>{this.connected=!1,this._onChange(this)};this._onReady=()=>{this.connected=!0,this._onChange(this)};this.data=i,this.connected=e.connected,e.addEventListener("disconnected",this._onDisconnected),e.addEventListener("ready",this._onReady),this._sub=new q(e,{type:"esphome_builder/subscribe_events"},o=>this._onMessage(o))}stop(){this._stopped||(this._stopped=!0,this._sub.stop(),this.conn.removeEventListener("disconnected",this._onDisconnected),this.conn.removeEventListener("ready",this._onReady))}_onMessage(e){if(e.type==="resync_required"){this.resyncs++,this._sub.restart();return}let t=Gt(this.data,e);t!==this.data&&(this.data=t,this._onChange(this))}};var ct=v`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 100vh;
    background: var(--primary-background-color);
    color: var(--primary-text-color);
    font-family: var(--paper-font-body1_-_font-family, var(--ha-font-family-body, Roboto, sans-serif));
    -webkit-font-smoothing: antialiased;
  }
  .toolbar {
    /* A long device list must not squeeze the toolbar (and hide the tabs). */
    flex: none;
    position: sticky;
    top: 0;
    z-index: 2;
    display: flex;
    align-items: flex-end;
    flex-wrap: wrap;
    gap: 0 24px;
    padding: 0 12px;
    padding-left: max(12px, env(safe-area-inset-left));
    min-height: var(--header-height, 56px);
    background: var(--app-header-background-color, var(--primary-color));
    color: var(--app-header-text-color, var(--text-primary-color, #fff));
    border-bottom: var(--app-header-border-bottom, none);
    box-sizing: border-box;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 4px;
    height: var(--header-height, 56px);
  }
  .title {
    font-size: 20px;
    font-weight: 400;
    margin-left: 4px;
    white-space: nowrap;
  }
  .menu {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 48px;
    height: 48px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .menu svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  ha-menu-button {
    color: inherit;
  }
  .tabs {
    display: flex;
    height: var(--header-height, 56px);
  }
  :host([narrow]) .tabs {
    width: 100%;
    height: 44px;
  }
  .tabs a {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 0 16px;
    color: inherit;
    opacity: 0.75;
    text-decoration: none;
    font-weight: 500;
    font-size: 14px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    border-bottom: 2px solid transparent;
  }
  :host([narrow]) .tabs a {
    flex: 1;
    justify-content: center;
  }
  .tabs a.active {
    opacity: 1;
    border-bottom-color: currentColor;
  }
  .badge {
    min-width: 18px;
    height: 18px;
    padding: 0 5px;
    border-radius: 9px;
    box-sizing: border-box;
    background: var(--accent-color, #ff9800);
    color: var(--text-accent-color, var(--text-primary-color, #fff));
    font-size: 12px;
    line-height: 18px;
    text-align: center;
  }
  .banner {
    padding: 8px 16px;
    background: var(--warning-color, #ffa600);
    color: var(--text-primary-color, #fff);
    text-align: center;
  }
  main {
    flex: 1;
    box-sizing: border-box;
    width: 100%;
    max-width: 1400px;
    margin: 0 auto;
    padding: 16px;
  }
  main.job {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: calc(100vh - var(--header-height, 56px));
  }
  :host([narrow]) main {
    padding: 8px;
  }
  :host([narrow]) main.job {
    height: calc(100vh - var(--header-height, 56px) - 44px);
  }
  esphome-builder-job {
    flex: 1;
    min-height: 0;
  }
`;var Me="/esphome-builder";function dt(r){let e=r.split("/").filter(Boolean);return e[0]==="jobs"&&e[1]?{name:"job",jobId:decodeURIComponent(e[1])}:e[0]==="jobs"?{name:"jobs"}:{name:"devices"}}function pt(r){return r?.prefix||Me}function ht(r){if(r)return dt(r.path);let e=location.pathname.startsWith(Me)?location.pathname.slice(Me.length):"";return dt(e)}function Te(r,e){return`${r}/jobs/${encodeURIComponent(e)}`}function Re(r){r.metaKey||r.ctrlKey||r.shiftKey||r.button!==0||(r.preventDefault(),Z(r.currentTarget.getAttribute("href")))}var Xt=/^(?:\/dev\/[\w./-]+|[A-Za-z0-9_.:[\]%-]+)$/,A=class extends g{constructor(){super(...arguments);this._action="";this._configuration="";this._mode="ota";this._address="";this._error=""}async ask(t,i){return this._resolve?.(null),this._action=t,this._configuration=i,this._error="",await this.updateComplete,this._dialog.showModal(),new Promise(o=>{this._resolve=o})}_finish(t){let i=this._resolve;this._resolve=void 0,this._dialog.open&&this._dialog.close(),i?.(t)}_submit(t){if(t.preventDefault(),this._mode==="ota"){this._finish("OTA");return}let i=this._address.trim();if(!i||i.startsWith("-")||!Xt.test(i)){this._error="Enter a host name, an IP address or a serial port such as /dev/ttyUSB0.",this._input?.focus();return}this._finish(i)}render(){let t=L[this._action]??this._action;return l`
      <dialog @close=${()=>this._finish(null)} @cancel=${()=>this._finish(null)}>
        <form @submit=${this._submit}>
          <h2>${t} ${this._configuration}</h2>
          <p class="secondary">${this._action==="logs"?"Where should the logs come from?":"Where should the firmware go?"}</p>
          <label class="option">
            <input type="radio" name="mode" value="ota" .checked=${this._mode==="ota"}
              @change=${()=>this._mode="ota"} />
            <span>Over the air <span class="secondary">(the address in the configuration)</span></span>
          </label>
          <label class="option">
            <input type="radio" name="mode" value="address" .checked=${this._mode==="address"}
              @change=${()=>{this._mode="address",this.updateComplete.then(()=>this._input?.focus())}} />
            <span>This address or serial port</span>
          </label>
          <input name="address" type="text" autocomplete="off" spellcheck="false"
            placeholder="192.168.1.50, device.local or /dev/ttyUSB0"
            .value=${this._address}
            ?disabled=${this._mode!=="address"}
            @input=${i=>this._address=i.target.value} />
          ${this._error?l`<p class="error" role="alert">${this._error}</p>`:d}
          <div class="buttons">
            <button class="eb" type="button" @click=${()=>this._finish(null)}>Cancel</button>
            <button class="eb primary" type="submit">${t}</button>
          </div>
        </form>
      </dialog>
    `}};A.styles=[S,v`
      dialog {
        border: none;
        border-radius: var(--ha-dialog-border-radius, 24px);
        padding: 24px;
        width: min(420px, calc(100vw - 48px));
        background: var(--mdc-theme-surface, var(--card-background-color, #fff));
        color: var(--primary-text-color);
        box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35);
      }
      dialog::backdrop {
        background: rgba(0, 0, 0, 0.45);
      }
      h2 {
        margin: 0 0 4px;
        font-size: 20px;
        font-weight: 500;
        word-break: break-word;
      }
      .option {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 10px 0;
        cursor: pointer;
      }
      input[type="radio"] {
        accent-color: var(--primary-color);
        margin: 0;
      }
      input[name="address"] {
        box-sizing: border-box;
        width: 100%;
        margin: 4px 0 0;
        padding: 10px 12px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      input[name="address"]:disabled {
        opacity: 0.5;
      }
      .error {
        color: var(--error-color, #db4437);
        margin: 8px 0 0;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-top: 20px;
      }
    `],c([b()],A.prototype,"_action",2),c([b()],A.prototype,"_configuration",2),c([b()],A.prototype,"_mode",2),c([b()],A.prototype,"_address",2),c([b()],A.prototype,"_error",2),c([j("dialog")],A.prototype,"_dialog",2),c([j("input[name=address]")],A.prototype,"_input",2);$("esphome-builder-target-dialog",A);var y=class extends g{constructor(){super(...arguments);this.narrow=!1;this._data=je;this._connected=!0;this._now=Date.now();this._cancelling=new Set;this._menuButtonDefined=!!customElements.get("ha-menu-button");this._openJob=t=>{Z(Te(this._prefix,t.detail))}}connectedCallback(){super.connectedCallback(),this.hass&&this._subscribe(),this._menuButtonDefined||customElements.whenDefined("ha-menu-button").then(()=>this._menuButtonDefined=!0)}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe()}willUpdate(t){t.has("hass")&&this.hass&&(this._feed&&this.hass.connection!==this._feed.conn&&this._unsubscribe(),!this._feed&&this.isConnected&&this._subscribe(),this.toggleAttribute("dark",!!this.hass.themes?.darkMode)),t.has("_data")&&this._tick()}_subscribe(){this._feed||(this._feed=new ue(this.hass.connection,t=>this._onFeed(t),this._data),this._connected=this._feed.connected)}_unsubscribe(){this._feed?.stop(),this._feed=void 0,this._clock&&clearInterval(this._clock),this._clock=void 0}_onFeed(t){if(this._connected=t.connected,t.data===this._data)return;this._data=t.data;let i=[...this._cancelling].filter(o=>{let s=t.data.jobs.find(n=>n.job_id===o);return s!==void 0&&_(s)});i.length&&(this._cancelling=new Set([...this._cancelling].filter(o=>!i.includes(o))))}_tick(){let t=Le(this._data.jobs)>0;t&&!this._clock?this._clock=setInterval(()=>this._now=Date.now(),1e3):!t&&this._clock&&(clearInterval(this._clock),this._clock=void 0,this._now=Date.now())}async _onAction(t){let{action:i,configuration:o}=t.detail,s;if(i==="install"||i==="logs"){let n=await this._dialog.ask(i,o);if(n===null)return;s=n}await this._start(i,o,s)}async _start(t,i,o){if(this.hass)try{let{job_id:s}=await Ce.startJob(this.hass.connection,t,i,o);Z(Te(this._prefix,s))}catch(s){B(this,`Could not start: ${V(s)}`)}}async _onCancel(t){let i=t.detail;if(!(!this.hass||this._cancelling.has(i))){this._cancelling=new Set([...this._cancelling,i]);try{await Ce.cancelJob(this.hass.connection,i)}catch(o){B(this,`Could not cancel: ${V(o)}`)}finally{let o=new Set(this._cancelling);o.delete(i),this._cancelling=o}}}get _prefix(){return pt(this.route)}_renderMenuButton(){return this.narrow?this._menuButtonDefined?l`<ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>`:l`<button class="menu" aria-label="Sidebar"
      @click=${()=>this.dispatchEvent(new Event("hass-toggle-menu",{bubbles:!0,composed:!0}))}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3,6H21V8H3V6M3,11H21V13H3V11M3,16H21V18H3V16Z" /></svg>
    </button>`:d}render(){let t=ht(this.route),{devices:i,jobs:o,loaded:s}=this._data,n=Le(o),p=t.name==="devices"?"devices":"jobs";return l`
      <header class="toolbar">
        <div class="bar">
          ${this._renderMenuButton()}
          <div class="title">ESPHome Builder</div>
        </div>
        <nav class="tabs" role="tablist">
          <a role="tab" href=${this._prefix} aria-selected=${p==="devices"} class=${p==="devices"?"active":""}
            @click=${Re}>Devices</a>
          <a role="tab" href="${this._prefix}/jobs" aria-selected=${p==="jobs"} class=${p==="jobs"?"active":""}
            @click=${Re}>Jobs${n?l`<span class="badge">${n}</span>`:d}</a>
        </nav>
      </header>
      ${this._connected?d:l`<div class="banner" role="status">Connection to Home Assistant lost. Reconnecting…</div>`}
      <main class=${t.name==="job"?"job":""}>
        ${t.name==="devices"?l`<esphome-builder-devices
              .devices=${i}
              .latest=${lt(o)}
              .now=${this._now}
              .loading=${!s}
              @eb-action=${this._onAction}
              @eb-open-job=${this._openJob}
            ></esphome-builder-devices>`:t.name==="jobs"?l`<esphome-builder-jobs
                .jobs=${o}
                .cancelling=${this._cancelling}
                .now=${this._now}
                .loading=${!s}
                .language=${this.hass?.language}
                @eb-open-job=${this._openJob}
                @eb-cancel-job=${this._onCancel}
              ></esphome-builder-jobs>`:l`<esphome-builder-job
                .hass=${this.hass}
                .jobId=${t.jobId}
                .job=${o.find(a=>a.job_id===t.jobId)}
                .narrow=${this.narrow}
                .now=${this._now}
                .cancelling=${this._cancelling.has(t.jobId)}
                ?dark=${!!this.hass?.themes?.darkMode}
                @eb-cancel-job=${this._onCancel}
                @eb-back=${()=>Z(`${this._prefix}/jobs`)}
              ></esphome-builder-job>`}
      </main>
      <esphome-builder-target-dialog></esphome-builder-target-dialog>
    `}};y.styles=[S,ct],c([h({attribute:!1})],y.prototype,"hass",2),c([h({type:Boolean,reflect:!0})],y.prototype,"narrow",2),c([h({attribute:!1})],y.prototype,"route",2),c([h({attribute:!1})],y.prototype,"panel",2),c([b()],y.prototype,"_data",2),c([b()],y.prototype,"_connected",2),c([b()],y.prototype,"_now",2),c([b()],y.prototype,"_cancelling",2),c([b()],y.prototype,"_menuButtonDefined",2),c([j("esphome-builder-target-dialog")],y.prototype,"_dialog",2);$("esphome-builder-panel",y);export{y as EsphomeBuilderPanel};
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
@lit/reactive-element/decorators/custom-element.js:
@lit/reactive-element/decorators/property.js:
@lit/reactive-element/decorators/state.js:
@lit/reactive-element/decorators/event-options.js:
@lit/reactive-element/decorators/base.js:
@lit/reactive-element/decorators/query.js:
@lit/reactive-element/decorators/query-all.js:
@lit/reactive-element/decorators/query-async.js:
@lit/reactive-element/decorators/query-assigned-nodes.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/decorators/query-assigned-elements.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
